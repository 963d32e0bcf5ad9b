namespace Mandate.Cedar;

/// <summary>
/// What a schema says a JSON value should be. Reading entities and contexts with shapes lets data use the
/// implicit forms Cedar accepts when a schema is present: <c>{"type": "User", "id": "alice"}</c> for an entity
/// and <c>"10.0.0.1"</c> for an <c>ipaddr</c>. Without shapes only the explicit <c>__entity</c> and
/// <c>__extn</c> escapes are understood. Schema support builds these from a parsed schema.
/// </summary>
public sealed class JsonShape
{
    public static readonly JsonShape Any = new(JsonShapeKind.Any);

    private JsonShape(JsonShapeKind kind, string? name = null, JsonShape? element = null, IReadOnlyDictionary<string, JsonShape>? attributes = null)
    {
        Kind = kind;
        Name = name;
        Element = element;
        Attributes = attributes;
    }

    public JsonShapeKind Kind { get; }

    /// <summary>The entity type or extension type name (<c>ipaddr</c>, <c>decimal</c>, <c>datetime</c>, <c>duration</c>).</summary>
    public string? Name { get; }

    public JsonShape? Element { get; }

    public IReadOnlyDictionary<string, JsonShape>? Attributes { get; }

    public static JsonShape Primitive(JsonShapeKind kind) => new(kind);

    public static JsonShape EntityOf(string entityType) => new(JsonShapeKind.Entity, entityType);

    public static JsonShape ExtensionOf(string extensionName) => new(JsonShapeKind.Extension, extensionName);

    public static JsonShape SetOf(JsonShape element) => new(JsonShapeKind.Set, element: element);

    public static JsonShape RecordOf(IReadOnlyDictionary<string, JsonShape> attributes) => new(JsonShapeKind.Record, attributes: attributes);
}
