using System.Text;
using System.Text.Json;
using Mandate.Cedar.Json;

namespace Mandate.Cedar;

public sealed partial record Request
{
    /// <summary>
    /// Reads <c>{"principal": uid, "action": uid, "resource": uid, "context": {...}}</c>, where a uid is
    /// <c>{"type", "id"}</c> or <c>{"__entity": {...}}</c>.
    /// </summary>
    public static Request FromJson(string json, IJsonShapeProvider? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json), CedarJson.DocumentOptions);
            return FromJson(document.RootElement, shapes);
        }
        catch (JsonException e)
        {
            throw new CedarJsonException("invalid request JSON: " + e.Message, e);
        }
    }

    public static Request FromJson(JsonElement element, IJsonShapeProvider? shapes = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CedarJsonException("a request must be a JSON object");
        }

        var principal = CedarJson.ReadUid(Required(element, "principal"), "principal");
        var action = CedarJson.ReadUid(Required(element, "action"), "action");
        var resource = CedarJson.ReadUid(Required(element, "resource"), "resource");
        var context = element.TryGetProperty("context", out var c) && c.ValueKind != JsonValueKind.Null
            ? ContextFromJson(c, action, shapes)
            : RecordValue.Empty;
        return new Request(principal, action, resource, context);
    }

    /// <summary>Reads a context object; with shapes, the action's declared context type guides implicit forms.</summary>
    public static RecordValue ContextFromJson(JsonElement element, EntityUid action, IJsonShapeProvider? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        return CedarJson.ReadRecord(element, shapes?.Context(action), "context");
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new CedarJsonException("request is missing `" + name + "`");
}
