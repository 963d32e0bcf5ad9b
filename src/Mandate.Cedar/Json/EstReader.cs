using System.Text.Json;
using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Extensions;
using Mandate.Cedar.Parsing;

namespace Mandate.Cedar.Json;

/// <summary>Reads policies from Cedar's JSON policy format (EST). Invalid input throws <see cref="CedarJsonException"/>.</summary>
internal static class EstReader
{
    public static Policy ReadPolicy(JsonElement element, string id)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CedarJsonException(id + ": a policy must be a JSON object");
        }

        var effect = String(element, "effect", id) switch
        {
            "permit" => Effect.Permit,
            "forbid" => Effect.Forbid,
            var other => throw new CedarJsonException(id + ": unknown effect `" + other + "`"),
        };
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        HashSet<string>? valueless = null;
        if (element.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in a.EnumerateObject())
            {
                annotations[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : string.Empty;
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    (valueless ??= new(StringComparer.Ordinal)).Add(property.Name); // `@name` written without a value
                }
            }
        }

        var conditions = new List<Condition>();
        if (element.TryGetProperty("conditions", out var c) && c.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in c.EnumerateArray())
            {
                var kind = String(condition, "kind", id);
                if (kind is not ("when" or "unless"))
                {
                    throw new CedarJsonException(id + ": condition kind must be `when` or `unless`");
                }

                conditions.Add(new Condition(kind == "when", ReadExpr(Property(condition, "body", id), id)));
            }
        }

        return new Policy(
            id,
            effect,
            annotations,
            ReadScope(Property(element, "principal", id), "principal", id),
            ReadScope(Property(element, "action", id), "action", id),
            ReadScope(Property(element, "resource", id), "resource", id),
            [.. conditions])
        { ValuelessAnnotations = valueless ?? Policy.NoAnnotations };
    }

    private static ScopeConstraint ReadScope(JsonElement scope, string variable, string id)
    {
        var op = String(scope, "op", id);
        switch (op)
        {
            case "All" or "all":
                return ScopeConstraint.Any;
            case "==":
                return Target(scope, ScopeKind.Equal, null, variable, id);
            case "in":
                if (scope.TryGetProperty("entities", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    return new ScopeConstraint(ScopeKind.In, [.. list.EnumerateArray().Select(e => CedarJson.ReadUid(e, id))], null, false, true);
                }

                return Target(scope, ScopeKind.In, null, variable, id);
            case "is":
                var type = String(scope, "entity_type", id);
                return scope.TryGetProperty("in", out var inner)
                    ? Target(inner, ScopeKind.IsIn, type, variable, id)
                    : new ScopeConstraint(ScopeKind.Is, [], type, false, false);
            default:
                throw new CedarJsonException(id + ": unknown scope operator `" + op + "`");
        }
    }

    private static ScopeConstraint Target(JsonElement element, ScopeKind kind, string? type, string variable, string id)
    {
        if (element.TryGetProperty("slot", out var slot))
        {
            if (slot.GetString() != "?" + variable)
            {
                throw new CedarJsonException(id + ": only `?" + variable + "` may appear in the " + variable + " scope");
            }

            return new ScopeConstraint(kind, [], type, true, false);
        }

        return new ScopeConstraint(kind, [CedarJson.ReadUid(Property(element, "entity", id), id)], type, false, false);
    }

    private static Expr ReadExpr(JsonElement element, string id)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CedarJsonException(id + ": an expression must be a JSON object");
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw new CedarJsonException(id + ": empty expression object");
        }

        var (key, body) = (properties.Current.Name, properties.Current.Value);
        var expr = key switch
        {
            "Value" => new LiteralExpr(CedarJson.ReadValue(body, null, id)),
            "Var" => new VariableExpr(body.GetString() switch
            {
                "principal" => Variable.Principal,
                "action" => Variable.Action,
                "resource" => Variable.Resource,
                "context" => Variable.Context,
                var v => throw new CedarJsonException(id + ": unknown variable `" + v + "`"),
            }),
            "Slot" => throw new CedarJsonException(id + ": template slots are only allowed in the scope"),
            "!" => new UnaryExpr(UnaryOp.Not, Sub(body, "arg", id)),
            "neg" => new UnaryExpr(UnaryOp.Negate, Sub(body, "arg", id)),
            "isEmpty" => new UnaryExpr(UnaryOp.IsEmpty, Sub(body, "arg", id)),
            "&&" => new AndExpr(Sub(body, "left", id), Sub(body, "right", id)),
            "||" => new OrExpr(Sub(body, "left", id), Sub(body, "right", id)),
            "if-then-else" => new IfExpr(Sub(body, "if", id), Sub(body, "then", id), Sub(body, "else", id)),
            "." => new GetAttrExpr(Sub(body, "left", id), String(body, "attr", id)),
            "has" => new HasAttrExpr(Sub(body, "left", id), HasPath(Property(body, "attr", id), id)),
            "like" => new LikeExpr(Sub(body, "left", id), ReadPattern(Property(body, "pattern", id), id)),
            "is" => new IsExpr(Sub(body, "left", id), String(body, "entity_type", id), body.TryGetProperty("in", out var inExpr) ? ReadExpr(inExpr, id) : null),
            "Set" => new SetExpr([.. Array(body, id).Select(e => ReadExpr(e, id))]),
            "Record" => Record(body, id),
            _ => Binary(key, body, id),
        };
        if (expr.Depth > Parser.MaxExpressionDepth)
        {
            throw new CedarJsonException(id + ": expression is nested too deeply");
        }

        return expr;
    }

    private static Expr Binary(string key, JsonElement body, string id)
    {
        BinaryOp? op = key switch
        {
            "==" => BinaryOp.Equal,
            "!=" => BinaryOp.NotEqual,
            "<" => BinaryOp.Less,
            "<=" => BinaryOp.LessOrEqual,
            ">" => BinaryOp.Greater,
            ">=" => BinaryOp.GreaterOrEqual,
            "+" => BinaryOp.Add,
            "-" => BinaryOp.Subtract,
            "*" => BinaryOp.Multiply,
            "in" => BinaryOp.In,
            "contains" => BinaryOp.Contains,
            "containsAll" => BinaryOp.ContainsAll,
            "containsAny" => BinaryOp.ContainsAny,
            "getTag" => BinaryOp.GetTag,
            "hasTag" => BinaryOp.HasTag,
            _ => null,
        };
        if (op is not null)
        {
            return new BinaryExpr(op.Value, Sub(body, "left", id), Sub(body, "right", id));
        }

        if (ExtensionFunctions.TryGet(key, out var function))
        {
            return new ExtensionCallExpr(function, [.. Array(body, id).Select(e => ReadExpr(e, id))]);
        }

        throw new CedarJsonException(id + ": unknown expression `" + key + "`");
    }

    private static RecordExpr Record(JsonElement body, string id)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new CedarJsonException(id + ": `Record` must hold an object");
        }

        var keys = new List<string>();
        var values = new List<Expr>();
        foreach (var property in body.EnumerateObject())
        {
            keys.Add(property.Name);
            values.Add(ReadExpr(property.Value, id));
        }

        return new RecordExpr([.. keys], [.. values]);
    }

    private static string[] HasPath(JsonElement attr, string id) => attr.ValueKind switch
    {
        JsonValueKind.String => [attr.GetString()!],
        JsonValueKind.Array when attr.GetArrayLength() > 0 => [.. attr.EnumerateArray().Select(a => a.GetString() ?? throw new CedarJsonException(id + ": attribute names must be strings"))],
        _ => throw new CedarJsonException(id + ": `has` needs an attribute name or a non-empty list of them"),
    };

    private static Pattern ReadPattern(JsonElement pattern, string id)
    {
        var parts = new List<string?>();
        if (pattern.ValueKind == JsonValueKind.String)
        {
            // Older EST: the pattern as Cedar would write it, with `*` wildcards and `\*` escapes.
            if (!CedarText.TryUnescape(pattern.GetString()!, true, out parts, out var error))
            {
                throw new CedarJsonException(id + ": " + error);
            }

            return new Pattern(parts);
        }

        foreach (var element in Array(pattern, id))
        {
            if (element.ValueKind == JsonValueKind.String && element.GetString() == "Wildcard")
            {
                parts.Add(null);
            }
            else if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("Literal", out var literal) && literal.ValueKind == JsonValueKind.String)
            {
                parts.Add(literal.GetString());
            }
            else
            {
                throw new CedarJsonException(id + ": pattern elements are \"Wildcard\" or {\"Literal\": \"...\"}");
            }
        }

        return new Pattern(parts);
    }

    private static Expr Sub(JsonElement body, string name, string id) => ReadExpr(Property(body, name, id), id);

    private static JsonElement Property(JsonElement element, string name, string id) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new CedarJsonException(id + ": missing `" + name + "`");

    private static string String(JsonElement element, string name, string id) =>
        Property(element, name, id) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new CedarJsonException(id + ": `" + name + "` must be a string");

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string id) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new CedarJsonException(id + ": expected a JSON array");
}
