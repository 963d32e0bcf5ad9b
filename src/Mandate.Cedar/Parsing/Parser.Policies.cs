using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar.Parsing;

internal sealed partial class Parser
{
    private Policy ParsePolicy(string id)
    {
        var line = Current.Line;
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        HashSet<string>? valueless = null;
        while (Current.Kind == TokenKind.At)
        {
            Next();
            var key = ExpectIdentifier("an annotation name");
            var value = string.Empty;
            if (Accept(TokenKind.LeftParen))
            {
                value = Unescape(Expect(TokenKind.String, "a string literal"));
                Expect(TokenKind.RightParen, "`)`");
            }
            else
            {
                (valueless ??= new(StringComparer.Ordinal)).Add(key.Text);
            }

            if (!annotations.TryAdd(key.Text, value))
            {
                throw Error(key, "duplicate annotation `@" + key.Text + "`");
            }
        }

        var effectToken = ExpectIdentifier("`permit` or `forbid`");
        var effect = effectToken.Text switch
        {
            "permit" => Effect.Permit,
            "forbid" => Effect.Forbid,
            _ => throw Error(effectToken, "expected `permit` or `forbid`, found " + effectToken.Describe()),
        };
        Expect(TokenKind.LeftParen, "`(`");
        var principal = ParseScope("principal");
        Expect(TokenKind.Comma, "`,`");
        var action = ParseScope("action");
        Expect(TokenKind.Comma, "`,`");
        var resource = ParseScope("resource");
        Accept(TokenKind.Comma);
        Expect(TokenKind.RightParen, "`)`");

        var conditions = new List<Condition>();
        while (Current.Kind == TokenKind.Identifier)
        {
            var keyword = Next();
            var isWhen = keyword.Text switch
            {
                "when" => true,
                "unless" => false,
                _ => throw Error(keyword, "expected `when` or `unless`, found " + keyword.Describe()),
            };
            var open = Expect(TokenKind.LeftBrace, "`{`");
            if (Current.Kind == TokenKind.RightBrace)
            {
                throw Error(open, "`" + keyword.Text + "` condition must not be empty");
            }

            var body = ParseExpr();
            Expect(TokenKind.RightBrace, "`}`");
            conditions.Add(new Condition(isWhen, body));
        }

        Expect(TokenKind.Semicolon, "`;`");
        return new Policy(id, effect, annotations, principal, action, resource, [.. conditions]) { Line = line, ValuelessAnnotations = valueless ?? Policy.NoAnnotations };
    }

    private ScopeConstraint ParseScope(string variable)
    {
        var token = ExpectIdentifier("`" + variable + "`");
        if (token.Text != variable)
        {
            throw Error(token, "expected `" + variable + "`, found " + token.Describe());
        }

        if (Current.Kind == TokenKind.Colon)
        {
            throw Error(Current, "type constraints using `:` are not supported; use `is` instead");
        }

        string? type = null;
        if (Current.IsIdentifier("is"))
        {
            if (variable == "action")
            {
                throw Error(Current, "`is` is not allowed in the action scope");
            }

            Next();
            type = ParseTypeName();
        }

        if (Current.Kind == TokenKind.EqualEqual)
        {
            var op = Next();
            if (type is not null)
            {
                throw Error(op, "`is` cannot be combined with `==` in the scope; use `is ... in`");
            }

            return ParseScopeTarget(variable, ScopeKind.Equal, null, allowList: false);
        }

        if (Current.IsIdentifier("in"))
        {
            Next();
            return ParseScopeTarget(variable, type is null ? ScopeKind.In : ScopeKind.IsIn, type, allowList: variable == "action");
        }

        if (Current.Kind is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual
            or TokenKind.NotEqual or TokenKind.Equal)
        {
            throw Error(Current, "the scope only allows `==`, `in` and `is`, found " + Current.Describe());
        }

        return type is null ? ScopeConstraint.Any : new ScopeConstraint(ScopeKind.Is, [], type, false, false);
    }

    private ScopeConstraint ParseScopeTarget(string variable, ScopeKind kind, string? type, bool allowList)
    {
        if (Current.Kind == TokenKind.Slot)
        {
            var slot = Next();
            if (slot.Text != "?" + variable)
            {
                throw Error(slot, "expected `?" + variable + "` here, found `" + slot.Text + "`");
            }

            return new ScopeConstraint(kind, [], type, true, false);
        }

        if (Current.Kind == TokenKind.LeftBracket)
        {
            var open = Next();
            if (!allowList)
            {
                throw Error(open, "a list of entities is only allowed in `action in [...]`");
            }

            var list = new List<EntityUid>();
            while (Current.Kind != TokenKind.RightBracket)
            {
                var itemToken = Current;
                var item = ParseEntityRef();
                if (!item.IsAction)
                {
                    throw Error(itemToken, "expected an entity of type `Action` in the action scope, found `" + item + "`");
                }

                list.Add(item);
                if (!Accept(TokenKind.Comma))
                {
                    break;
                }
            }

            Expect(TokenKind.RightBracket, "`]`");
            return new ScopeConstraint(kind, [.. list], type, false, true);
        }

        var uidToken = Current;
        var uid = ParseEntityRef();
        if (variable == "action" && !uid.IsAction)
        {
            // Cedar requires action scope entities to be actions.
            throw Error(uidToken, "expected an entity of type `Action` in the action scope, found `" + uid + "`");
        }

        return new ScopeConstraint(kind, [uid], type, false, false);
    }

    private EntityUid ParseEntityRef()
    {
        var start = Current;
        var path = new List<string> { ExpectIdentifier("an entity type").Text };
        while (true)
        {
            Expect(TokenKind.ColonColon, "`::`");
            if (Current.Kind == TokenKind.String)
            {
                return new EntityUid(string.Join("::", path), Unescape(Next()));
            }

            if (Current.Kind != TokenKind.Identifier)
            {
                throw Error(Current, "expected an entity id string or a name, found " + Current.Describe());
            }

            path.Add(Next().Text);
            if (path.Count > MaxNesting)
            {
                throw Error(start, "entity type name is too long");
            }
        }
    }

    private string ParseTypeName()
    {
        var start = Current;
        var path = new List<string> { ExpectIdentifier("an entity type").Text };
        while (Current.Kind == TokenKind.ColonColon && Peek().Kind == TokenKind.Identifier)
        {
            Next();
            path.Add(Next().Text);
            if (path.Count > MaxNesting)
            {
                throw Error(start, "entity type name is too long");
            }
        }

        foreach (var segment in path)
        {
            if (Reserved.Contains(segment))
            {
                throw Error(start, "`" + segment + "` is a reserved word and cannot be used in a type name");
            }
        }

        return string.Join("::", path);
    }
}
