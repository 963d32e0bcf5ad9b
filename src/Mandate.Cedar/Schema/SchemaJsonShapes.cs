namespace Mandate.Cedar.Schema;

/// <summary>The schema seen through <see cref="IJsonShapeProvider"/>, for reading entities and contexts.</summary>
internal sealed class SchemaJsonShapes(CedarSchema schema) : IJsonShapeProvider
{
    private readonly Dictionary<CedarType, JsonShape> _cache = [];

    public IEnumerable<Entity> ActionEntities => schema.Actions.Values.Select(a => new Entity(a.Uid, parents: a.Parents));

    public JsonShape? EntityAttributes(string entityType) =>
        schema.TryGetEntityType(entityType, out var definition) ? Shape(definition.AttributesRecord) : null;

    public JsonShape? EntityTags(string entityType) =>
        schema.TryGetEntityType(entityType, out var definition) && definition.Tags is not null ? Shape(definition.Tags) : null;

    public JsonShape? Context(EntityUid action) =>
        schema.TryGetAction(action, out var definition) ? Shape(definition.Context) : null;

    private JsonShape Shape(CedarType type)
    {
        lock (_cache)
        {
            if (_cache.TryGetValue(type, out var cached))
            {
                return cached;
            }
        }

        var shape = type.Kind switch
        {
            CedarTypeKind.Bool or CedarTypeKind.True or CedarTypeKind.False => JsonShape.Primitive(JsonShapeKind.Bool),
            CedarTypeKind.Long => JsonShape.Primitive(JsonShapeKind.Long),
            CedarTypeKind.String => JsonShape.Primitive(JsonShapeKind.String),
            CedarTypeKind.Entity => JsonShape.EntityOf(type.Name!),
            CedarTypeKind.Extension => JsonShape.ExtensionOf(type.Name!),
            CedarTypeKind.Set when type.Element is not null => JsonShape.SetOf(Shape(type.Element)),
            CedarTypeKind.Record => JsonShape.RecordOf(type.Attributes.ToDictionary(a => a.Key, a => Shape(a.Value.Type), StringComparer.Ordinal)),
            _ => JsonShape.Any,
        };
        lock (_cache)
        {
            _cache[type] = shape;
        }

        return shape;
    }
}
