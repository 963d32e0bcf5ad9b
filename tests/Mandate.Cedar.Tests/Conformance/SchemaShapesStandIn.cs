using System.Text.RegularExpressions;
using Mandate.Cedar.Testing;

namespace Mandate.Cedar.Tests.Conformance;

/// <summary>
/// A small reader for the Cedar schema format that only extracts what data loading needs (attribute, tag
/// and context shapes, and action entities). It stands in for real schema support in the conformance tests
/// until that exists; it does not validate, so <c>shouldValidate</c> is reported as not checked.
/// </summary>
internal sealed partial class SchemaShapesStandIn : ISchemaSupport
{
    private readonly Dictionary<string, RawType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawType?> _attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawType?> _tags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _entityTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<EntityUid, (List<EntityUid> Parents, RawType? Context, string Namespace)> _actions = [];
    private List<string> _tokens = [];
    private int _pos;

    public IJsonShapeProvider LoadShapes(string schemaText, string schemaPath)
    {
        var reader = new SchemaShapesStandIn { _tokens = [.. TokenPattern().Matches(StripComments(schemaText)).Select(m => m.Value)] };
        reader.ParseDeclarations(string.Empty);
        return new Provider(reader);
    }

    public IReadOnlyList<string>? Validate(string schemaText, string schemaPath, PolicySet policies) => null;

    [GeneratedRegex("""::|"(?:\\.|[^"\\])*"|[A-Za-z_][A-Za-z0-9_]*|[{}\[\]<>,;:=?@()]""")]
    private static partial Regex TokenPattern();

    private static string StripComments(string text) => Regex.Replace(text, "//[^\n]*", string.Empty);

    private string Peek => _pos < _tokens.Count ? _tokens[_pos] : string.Empty;

    private string Next() => _tokens[_pos++];

    private void Expect(string token)
    {
        if (Next() != token)
        {
            throw new InvalidOperationException($"schema: expected `{token}` at token {_pos}");
        }
    }

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "::" + name;

    private static string Unquote(string token) => token.StartsWith('"') ? token[1..^1] : token;

    private void ParseDeclarations(string ns)
    {
        while (_pos < _tokens.Count && Peek != "}")
        {
            while (Peek == "@")
            {
                Next();
                Next();
                if (Peek == "(")
                {
                    Next();
                    Next();
                    Expect(")");
                }
            }

            switch (Next())
            {
                case "namespace":
                    var path = ParsePath();
                    Expect("{");
                    ParseDeclarations(path);
                    Expect("}");
                    break;
                case "entity":
                    ParseEntity(ns);
                    break;
                case "action":
                    ParseAction(ns);
                    break;
                case "type":
                    var name = Next();
                    Expect("=");
                    _types[Qualify(ns, name)] = ParseType(ns);
                    Expect(";");
                    break;
                default:
                    throw new InvalidOperationException($"schema: unexpected token at {_pos}");
            }
        }
    }

    private string ParsePath()
    {
        var path = Next();
        while (Peek == "::")
        {
            Next();
            path += "::" + Next();
        }

        return path;
    }

    private void ParseEntity(string ns)
    {
        var names = new List<string> { Qualify(ns, Next()) };
        while (Peek == ",")
        {
            Next();
            names.Add(Qualify(ns, Next()));
        }

        RawType? attributes = null;
        RawType? tags = null;
        while (Peek != ";")
        {
            var token = Next();
            if (token == "in")
            {
                if (Peek == "[")
                {
                    while (Next() != "]")
                    {
                    }
                }
                else
                {
                    ParsePath();
                }
            }
            else if (token == "enum")
            {
                while (Next() != "]")
                {
                }
            }
            else if (token == "=")
            {
                attributes = ParseType(ns);
            }
            else if (token == "{")
            {
                _pos--;
                attributes = ParseType(ns);
            }
            else if (token == "tags")
            {
                tags = ParseType(ns);
            }
        }

        Expect(";");
        foreach (var name in names)
        {
            _entityTypes.Add(name);
            _attributes[name] = attributes;
            _tags[name] = tags;
        }
    }

    private void ParseAction(string ns)
    {
        var names = new List<string> { Unquote(Next()) };
        while (Peek == ",")
        {
            Next();
            names.Add(Unquote(Next()));
        }

        var parents = new List<EntityUid>();
        RawType? context = null;
        while (Peek != ";")
        {
            var token = Next();
            if (token == "in")
            {
                var list = Peek == "[";
                if (list)
                {
                    Next();
                }

                while (true)
                {
                    parents.Add(ParseActionRef(ns));
                    if (!list || Next() == "]")
                    {
                        break;
                    }
                }
            }
            else if (token == "appliesTo")
            {
                Expect("{");
                while (Peek != "}")
                {
                    var key = Next();
                    Expect(":");
                    if (key == "context")
                    {
                        context = ParseType(ns);
                    }
                    else if (Peek == "[")
                    {
                        while (Next() != "]")
                        {
                        }
                    }
                    else
                    {
                        ParsePath();
                    }

                    if (Peek == ",")
                    {
                        Next();
                    }
                }

                Expect("}");
            }
        }

        Expect(";");
        foreach (var name in names)
        {
            _actions[new EntityUid(Qualify(ns, "Action"), name)] = (parents, context, ns);
        }
    }

    private EntityUid ParseActionRef(string ns)
    {
        var first = Next();
        if (first.StartsWith('"'))
        {
            return new EntityUid(Qualify(ns, "Action"), Unquote(first));
        }

        var path = first;
        while (Peek == "::")
        {
            Next();
            var part = Next();
            if (part.StartsWith('"'))
            {
                return new EntityUid(path, Unquote(part));
            }

            path += "::" + part;
        }

        return new EntityUid(Qualify(ns, "Action"), path);
    }

    private RawType ParseType(string ns)
    {
        if (Peek == "{")
        {
            Next();
            var attributes = new Dictionary<string, RawType>(StringComparer.Ordinal);
            while (Peek != "}")
            {
                while (Peek == "@")
                {
                    Next();
                    Next();
                    if (Peek == "(")
                    {
                        Next();
                        Next();
                        Expect(")");
                    }
                }

                var name = Unquote(Next());
                if (Peek == "?")
                {
                    Next();
                }

                Expect(":");
                attributes[name] = ParseType(ns);
                if (Peek == ",")
                {
                    Next();
                }
            }

            Expect("}");
            return new RawType(null, null, attributes, ns);
        }

        var path = ParsePath();
        if (path == "Set")
        {
            Expect("<");
            var element = ParseType(ns);
            Expect(">");
            return new RawType(null, element, null, ns);
        }

        return new RawType(path, null, null, ns);
    }

    private JsonShape Resolve(RawType? type, int depth = 0)
    {
        if (type is null || depth > 64)
        {
            return JsonShape.Any;
        }

        if (type.Attributes is not null)
        {
            return JsonShape.RecordOf(type.Attributes.ToDictionary(kv => kv.Key, kv => Resolve(kv.Value, depth + 1), StringComparer.Ordinal));
        }

        if (type.Element is not null)
        {
            return JsonShape.SetOf(Resolve(type.Element, depth + 1));
        }

        var name = type.Name!;
        var bare = name.StartsWith("__cedar::", StringComparison.Ordinal) ? name["__cedar::".Length..] : name;
        switch (bare)
        {
            case "Long": return JsonShape.Primitive(JsonShapeKind.Long);
            case "String": return JsonShape.Primitive(JsonShapeKind.String);
            case "Bool" or "Boolean": return JsonShape.Primitive(JsonShapeKind.Bool);
            case "ipaddr" or "decimal" or "datetime" or "duration": return JsonShape.ExtensionOf(bare);
        }

        var qualified = Qualify(type.Namespace, name);
        if (_types.TryGetValue(qualified, out var common) || _types.TryGetValue(name, out common))
        {
            return Resolve(common, depth + 1);
        }

        return JsonShape.EntityOf(_entityTypes.Contains(qualified) ? qualified : name);
    }

    private sealed record RawType(string? Name, RawType? Element, Dictionary<string, RawType>? Attributes, string Namespace);

    private sealed class Provider(SchemaShapesStandIn schema) : IJsonShapeProvider
    {
        public IEnumerable<Entity> ActionEntities =>
            schema._actions.Select(kv => new Entity(kv.Key, parents: kv.Value.Parents));

        public JsonShape? Context(EntityUid action) =>
            schema._actions.TryGetValue(action, out var a) ? schema.Resolve(a.Context) : null;

        public JsonShape? EntityAttributes(string entityType) =>
            schema._attributes.TryGetValue(entityType, out var a) ? schema.Resolve(a) : null;

        public JsonShape? EntityTags(string entityType) =>
            schema._tags.TryGetValue(entityType, out var t) && t is not null ? schema.Resolve(t) : null;
    }
}
