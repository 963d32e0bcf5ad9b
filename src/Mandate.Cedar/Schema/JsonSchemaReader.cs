using System.Text;
using System.Text.Json;
using Mandate.Cedar.Json;

namespace Mandate.Cedar.Schema;

/// <summary>
/// Reads the JSON schema format (<c>{"Namespace": {"entityTypes": …, "actions": …, "commonTypes": …}}</c>) into a
/// <see cref="SchemaFragment"/>. Problems are collected, not thrown; each carries the line and column of the JSON
/// value (or member name) it is about, and declarations and types carry theirs for the errors found when names are
/// resolved.
/// </summary>
internal sealed class JsonSchemaReader
{
    private const int MaxDepth = 128;

    private readonly SchemaFragment _fragment = new();
    private readonly List<SchemaError> _errors = [];
    private readonly JsonPositions _positions;

    private JsonSchemaReader(JsonPositions positions) => _positions = positions;

    public static (SchemaFragment Fragment, List<SchemaError> Errors) Read(string json)
    {
        // Parsed from bytes we hold, so that positions can be found (see JsonPositions).
        var reader = new JsonSchemaReader(new JsonPositions(Encoding.UTF8.GetBytes(json)));
        try
        {
            using var document = JsonDocument.Parse(reader._positions.Utf8, new JsonDocumentOptions { MaxDepth = 256 });
            reader.ReadSchema(document.RootElement);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? -1) + 1;
            var column = (int)(e.BytePositionInLine ?? -1) + 1;
            reader._errors.Add(new SchemaError(line, column, "invalid JSON: " + e.Message));
        }

        return (reader._fragment, reader._errors);
    }

    private void ReadSchema(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Fail(root, "a JSON schema must be an object mapping namespace names to namespace definitions");
            return;
        }

        foreach (var ns in root.EnumerateObject())
        {
            if (ns.Value.ValueKind != JsonValueKind.Object)
            {
                Fail(ns.Value, "namespace `" + ns.Name + "` must be an object");
                continue;
            }

            foreach (var section in ns.Value.EnumerateObject())
            {
                switch (section.Name)
                {
                    case "entityTypes":
                        ForEachMember(section.Value, ns.Name, "entityTypes", member => ReadEntityType(ns.Name, member));
                        break;
                    case "actions":
                        ForEachMember(section.Value, ns.Name, "actions", member => ReadAction(ns.Name, member));
                        break;
                    case "commonTypes":
                        ForEachMember(section.Value, ns.Name, "commonTypes", member =>
                        {
                            if (ReadType(member.Value, "common type `" + member.Name + "`", 0) is { } type)
                            {
                                var (line, column) = _positions.OfName(member);
                                _fragment.CommonTypes.Add(new RawCommonType(ns.Name, member.Name, type, line, column));
                            }
                        });
                        break;
                    case "annotations":
                        break;
                    default:
                        Fail(section, "unknown field `" + section.Name + "` in namespace `" + ns.Name + "`; expected `entityTypes`, `actions`, `commonTypes` or `annotations`");
                        break;
                }
            }
        }
    }

    private void ForEachMember(JsonElement element, string ns, string section, Action<JsonProperty> read)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail(element, "`" + section + "` of namespace `" + ns + "` must be an object");
            return;
        }

        foreach (var member in element.EnumerateObject())
        {
            read(member);
        }
    }

    private void ReadEntityType(string ns, JsonProperty declaration)
    {
        var (name, value) = (declaration.Name, declaration.Value);
        var where = "entity type `" + name + "`";
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(value, where + " must be an object");
            return;
        }

        var parents = new List<string>();
        RawType? shape = null;
        RawType? tags = null;
        List<string>? choices = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "memberOfTypes":
                    parents.AddRange(Strings(field.Value, where + ": `memberOfTypes`"));
                    break;
                case "shape":
                    shape = ReadType(field.Value, where + ": `shape`", 0);
                    break;
                case "tags":
                    tags = ReadType(field.Value, where + ": `tags`", 0);
                    break;
                case "enum":
                    choices = Strings(field.Value, where + ": `enum`");
                    break;
                case "annotations":
                    break;
                default:
                    Fail(field, "unknown field `" + field.Name + "` in " + where);
                    break;
            }
        }

        var (line, column) = _positions.OfName(declaration);
        _fragment.EntityTypes.Add(new RawEntityType(ns, name, parents, shape, tags, choices, line, column));
    }

    private void ReadAction(string ns, JsonProperty declaration)
    {
        var (id, value) = (declaration.Name, declaration.Value);
        var where = "action `" + id + "`";
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(value, where + " must be an object");
            return;
        }

        var parents = new List<RawActionRef>();
        List<string>? principals = null;
        List<string>? resources = null;
        RawType? context = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "memberOf":
                    if (field.Value.ValueKind != JsonValueKind.Array)
                    {
                        Fail(field.Value, where + ": `memberOf` must be an array");
                        break;
                    }

                    foreach (var parent in field.Value.EnumerateArray())
                    {
                        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty("id", out var pid) && pid.ValueKind == JsonValueKind.String)
                        {
                            var type = parent.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                            var (line, column) = _positions.Of(parent);
                            parents.Add(new RawActionRef(type, pid.GetString()!, line, column));
                        }
                        else
                        {
                            Fail(parent, where + ": each `memberOf` entry needs a string `id`");
                        }
                    }

                    break;
                case "appliesTo":
                    if (field.Value.ValueKind == JsonValueKind.Null)
                    {
                        break;
                    }

                    principals = [];
                    resources = [];
                    if (field.Value.ValueKind != JsonValueKind.Object)
                    {
                        Fail(field.Value, where + ": `appliesTo` must be an object");
                        break;
                    }

                    foreach (var required in (string[])["principalTypes", "resourceTypes"])
                    {
                        if (!field.Value.TryGetProperty(required, out _))
                        {
                            Fail(field.Value, where + ": `appliesTo` is missing `" + required + "`");
                        }
                    }

                    foreach (var part in field.Value.EnumerateObject())
                    {
                        switch (part.Name)
                        {
                            case "principalTypes":
                                principals = Strings(part.Value, where + ": `principalTypes`");
                                break;
                            case "resourceTypes":
                                resources = Strings(part.Value, where + ": `resourceTypes`");
                                break;
                            case "context":
                                context = ReadType(part.Value, where + ": `context`", 0);
                                break;
                            default:
                                Fail(part, "unknown field `" + part.Name + "` in `appliesTo` of " + where);
                                break;
                        }
                    }

                    break;
                case "attributes" or "annotations":
                    break;
                default:
                    Fail(field, "unknown field `" + field.Name + "` in " + where);
                    break;
            }
        }

        var (at, col) = _positions.OfName(declaration);
        _fragment.Actions.Add(new RawAction(ns, id, parents, principals, resources, context, at, col));
    }

    private RawType? ReadType(JsonElement value, string where, int depth)
    {
        if (depth > MaxDepth)
        {
            Fail(value, where + ": type is nested too deeply");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var typeField) || typeField.ValueKind != JsonValueKind.String)
        {
            Fail(value, where + ": a type must be an object with a string field `type`");
            return null;
        }

        var type = typeField.GetString()!;
        var (line, column) = _positions.Of(value);
        string? NameField()
        {
            if (value.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
            {
                return n.GetString();
            }

            Fail(value, where + ": type `" + type + "` needs a string field `name`");
            return null;
        }

        switch (type)
        {
            case "Long":
                return new RawType(RawTypeKind.Long, null, null, null, line, column);
            case "String":
                return new RawType(RawTypeKind.String, null, null, null, line, column);
            case "Boolean":
                return new RawType(RawTypeKind.Bool, null, null, null, line, column);
            case "Set":
                if (!value.TryGetProperty("element", out var element))
                {
                    Fail(value, where + ": a `Set` type needs an `element` type");
                    return null;
                }

                return ReadType(element, where, depth + 1) is { } e ? new RawType(RawTypeKind.Set, null, e, null, line, column) : null;
            case "Record":
                return ReadRecord(value, where, depth);
            case "Entity":
                return NameField() is { } entity ? new RawType(RawTypeKind.EntityName, entity, null, null, line, column) : null;
            case "Extension":
                return NameField() is { } ext ? new RawType(RawTypeKind.ExtensionName, ext, null, null, line, column) : null;
            case "EntityOrCommon":
                return NameField() is { } any ? new RawType(RawTypeKind.Name, any, null, null, line, column) : null;
            default:
                return new RawType(RawTypeKind.Name, type, null, null, line, column);
        }
    }

    private RawType? ReadRecord(JsonElement value, string where, int depth)
    {
        var (line, column) = _positions.Of(value);
        if (value.TryGetProperty("additionalAttributes", out var extra) && extra.ValueKind == JsonValueKind.True)
        {
            Fail(extra, where + ": `additionalAttributes` is not supported");
        }

        var attributes = new List<RawAttribute>();
        if (!value.TryGetProperty("attributes", out var attrs))
        {
            return new RawType(RawTypeKind.Record, null, null, attributes, line, column);
        }

        if (attrs.ValueKind != JsonValueKind.Object)
        {
            Fail(attrs, where + ": `attributes` must be an object");
            return null;
        }

        foreach (var attr in attrs.EnumerateObject())
        {
            var required = !(attr.Value.ValueKind == JsonValueKind.Object && attr.Value.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.False);
            if (ReadType(attr.Value, where + ": attribute `" + attr.Name + "`", depth + 1) is { } type)
            {
                attributes.Add(new RawAttribute(attr.Name, type, required));
            }
        }

        return new RawType(RawTypeKind.Record, null, null, attributes, line, column);
    }

    private List<string> Strings(JsonElement value, string where)
    {
        var list = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(value, where + " must be an array of strings");
            return list;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
            else
            {
                Fail(item, where + " must be an array of strings");
            }
        }

        return list;
    }

    private void Fail(JsonElement at, string message)
    {
        var (line, column) = _positions.Of(at);
        _errors.Add(new SchemaError(line, column, message));
    }

    private void Fail(JsonProperty at, string message)
    {
        var (line, column) = _positions.OfName(at);
        _errors.Add(new SchemaError(line, column, message));
    }
}
