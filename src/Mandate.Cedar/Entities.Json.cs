using System.Text;
using System.Text.Json;
using Mandate.Cedar.Json;

namespace Mandate.Cedar;

public sealed partial class Entities
{
    /// <summary>
    /// Reads the Cedar entities JSON format: an array of <c>{"uid", "attrs", "parents", "tags"}</c>.
    /// With <paramref name="shapes"/> (from a schema), implicit entity and extension forms are accepted and the
    /// schema's action entities are added. Throws <see cref="CedarJsonException"/> on invalid data.
    /// </summary>
    public static Entities FromJson(string json, IJsonShapeProvider? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson(Encoding.UTF8.GetBytes(json), shapes);
    }

    public static Entities FromJson(ReadOnlyMemory<byte> utf8Json, IJsonShapeProvider? shapes = null)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, CedarJson.DocumentOptions);
            return FromJson(document.RootElement, shapes);
        }
        catch (JsonException e)
        {
            throw new CedarJsonException("invalid entities JSON: " + e.Message, e);
        }
    }

    public static Entities FromJson(JsonElement root, IJsonShapeProvider? shapes = null)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new CedarJsonException("entities JSON must be an array");
        }

        var map = new Dictionary<EntityUid, Entity>();
        if (shapes is not null)
        {
            foreach (var action in shapes.ActionEntities)
            {
                map[action.Uid] = action;
            }
        }

        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            var where = "entity " + index++;
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("uid", out var uidElement))
            {
                throw new CedarJsonException(where + ": expected an object with `uid`");
            }

            var uid = CedarJson.ReadUid(uidElement, where + ".uid");
            where = uid.ToString();
            Dictionary<string, CedarValue>? attributes = null;
            if (item.TryGetProperty("attrs", out var attrs) && attrs.ValueKind != JsonValueKind.Null)
            {
                attributes = ReadMap(attrs, shapes?.EntityAttributes(uid.Type), null, where + ".attrs");
            }

            Dictionary<string, CedarValue>? tags = null;
            if (item.TryGetProperty("tags", out var tagsElement) && tagsElement.ValueKind != JsonValueKind.Null)
            {
                tags = ReadMap(tagsElement, null, shapes?.EntityTags(uid.Type), where + ".tags");
            }

            var parents = new List<EntityUid>();
            if (item.TryGetProperty("parents", out var parentsElement) && parentsElement.ValueKind != JsonValueKind.Null)
            {
                if (parentsElement.ValueKind != JsonValueKind.Array)
                {
                    throw new CedarJsonException(where + ".parents: expected an array");
                }

                foreach (var parent in parentsElement.EnumerateArray())
                {
                    var parentUid = CedarJson.ReadUid(parent, where + ".parents");
                    if (uid.IsAction && !parentUid.IsAction)
                    {
                        // Cedar refuses such data: action groups are actions, never other entities.
                        throw new CedarJsonException("action " + uid + " has a non-action parent " + parentUid);
                    }

                    parents.Add(parentUid);
                }
            }

            if (map.TryGetValue(uid, out var existing))
            {
                if (!uid.IsAction || shapes is null)
                {
                    // Cedar keeps one copy of an entity listed twice with the same content and refuses differing ones.
                    if (!SameContent(existing, attributes, parents, tags))
                    {
                        throw new CedarJsonException("duplicate entity " + uid);
                    }

                    continue;
                }

                // An action the schema already declares: the data may repeat it; keep both sets of parents.
                parents.AddRange(existing.Parents);
            }

            map[uid] = new Entity(uid, attributes, parents, tags);
        }

        var store = new Entities(map);
        foreach (var uid in map.Keys)
        {
            if (store.IsDescendantOf(uid, uid))
            {
                // Cedar refuses a hierarchy with a cycle, a self-loop included.
                throw new CedarJsonException("the entity hierarchy has a cycle through " + uid);
            }
        }

        return store;
    }

    private static bool SameContent(Entity existing, Dictionary<string, CedarValue>? attributes, List<EntityUid> parents, Dictionary<string, CedarValue>? tags) =>
        SameValues(existing.AttributeMap, attributes)
        && SameValues(existing.TagMap, tags)
        && existing.Parents.ToHashSet().SetEquals(parents);

    private static bool SameValues(Dictionary<string, CedarValue> existing, Dictionary<string, CedarValue>? other) =>
        existing.Count == (other?.Count ?? 0)
        && (other is null || other.All(kv => existing.TryGetValue(kv.Key, out var value) && value.Equals(kv.Value)));

    /// <summary>The store in the Cedar entities JSON format, with explicit <c>__entity</c>/<c>__extn</c> escapes.</summary>
    public string ToJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? CedarJson.IndentedWriter : CedarJson.CompactWriter))
        {
            writer.WriteStartArray();
            foreach (var entity in _entities.Values)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("uid");
                CedarJsonWriter.WriteUid(writer, entity.Uid);
                writer.WritePropertyName("attrs");
                CedarJsonWriter.WriteValue(writer, RecordValue.Create(entity.AttributeMap));
                writer.WritePropertyName("parents");
                writer.WriteStartArray();
                foreach (var parent in entity.Parents)
                {
                    CedarJsonWriter.WriteUid(writer, parent);
                }

                writer.WriteEndArray();
                if (entity.TagMap.Count > 0)
                {
                    writer.WritePropertyName("tags");
                    CedarJsonWriter.WriteValue(writer, RecordValue.Create(entity.TagMap));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Dictionary<string, CedarValue> ReadMap(JsonElement element, JsonShape? recordShape, JsonShape? valueShape, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CedarJsonException(where + ": expected a JSON object");
        }

        var map = new Dictionary<string, CedarValue>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            JsonShape? shape = valueShape;
            recordShape?.Attributes?.TryGetValue(property.Name, out shape);
            if (!map.TryAdd(property.Name, CedarJson.ReadValue(property.Value, shape, where + "." + property.Name)))
            {
                throw new CedarJsonException(where + ": duplicate key `" + property.Name + "`");
            }
        }

        return map;
    }
}
