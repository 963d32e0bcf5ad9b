using System.Globalization;
using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Extensions;

namespace Mandate.Cedar.Parsing;

internal sealed partial class Parser
{
    private static readonly HashSet<string> BuiltinMethods = new(StringComparer.Ordinal)
    {
        "contains", "containsAll", "containsAny", "isEmpty", "getTag", "hasTag",
    };

    private Expr ParseMember()
    {
        var start = Current;
        var expr = ParsePrimary();
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Dot)
            {
                Next();
                var name = ExpectIdentifier("an attribute or method name");
                if (Current.Kind == TokenKind.LeftParen)
                {
                    var args = ParseArguments();
                    expr = Bounded(Expr.At(MethodCall(expr, name, args), expr), name);
                    continue;
                }

                if (Reserved.Contains(name.Text))
                {
                    throw Error(name, "`" + name.Text + "` is a reserved word; write the attribute as `[\"" + name.Text + "\"]`");
                }

                expr = Bounded(Expr.At(new GetAttrExpr(expr, name.Text), expr), name);
            }
            else if (token.Kind == TokenKind.LeftBracket)
            {
                Next();
                var key = Expect(TokenKind.String, "a string literal attribute name");
                Expect(TokenKind.RightBracket, "`]`");
                expr = Bounded(Expr.At(new GetAttrExpr(expr, Unescape(key)), expr), token);
            }
            else if (token.Kind == TokenKind.LeftParen)
            {
                throw Error(token, "only extension functions can be called, like `ip(\"10.0.0.1\")`");
            }
            else
            {
                return expr;
            }

            if (expr.Depth > MaxExpressionDepth)
            {
                throw Error(start, "expression is nested too deeply");
            }
        }
    }

    private Expr MethodCall(Expr target, Token name, List<Expr> args)
    {
        if (BuiltinMethods.Contains(name.Text))
        {
            if (name.Text == "isEmpty")
            {
                if (args.Count != 0)
                {
                    throw Error(name, "`isEmpty` takes no arguments");
                }

                return new UnaryExpr(UnaryOp.IsEmpty, target);
            }

            if (args.Count != 1)
            {
                throw Error(name, "`" + name.Text + "` takes exactly one argument");
            }

            var op = name.Text switch
            {
                "contains" => BinaryOp.Contains,
                "containsAll" => BinaryOp.ContainsAll,
                "containsAny" => BinaryOp.ContainsAny,
                "getTag" => BinaryOp.GetTag,
                _ => BinaryOp.HasTag,
            };
            return new BinaryExpr(op, target, args[0]);
        }

        if (ExtensionFunctions.TryGet(name.Text, out var function))
        {
            if (!function.IsMethod)
            {
                throw Error(name, "`" + name.Text + "` is a function, not a method; call it as `" + name.Text + "(...)`");
            }

            return new ExtensionCallExpr(function, [target, .. args]);
        }

        throw Error(name, "unknown method `" + name.Text + "`");
    }

    private List<Expr> ParseArguments()
    {
        Expect(TokenKind.LeftParen, "`(`");
        var args = new List<Expr>();
        while (Current.Kind != TokenKind.RightParen)
        {
            args.Add(ParseExpr());
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RightParen, "`)` or `,`");
        return args;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Next();
                if (!long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    throw Error(token, "integer literal `" + token.Text + "` is too large");
                }

                return At(new LiteralExpr(LongValue.Of(n)), token);
            case TokenKind.String:
                Next();
                return At(new LiteralExpr(new StringValue(Unescape(token))), token);
            case TokenKind.Slot:
                throw Error(token, "template slots like `" + token.Text + "` are only allowed in the policy scope");
            case TokenKind.LeftParen:
                {
                    Next();
                    var inner = ParseExpr();
                    Expect(TokenKind.RightParen, "`)`");
                    return inner;
                }

            case TokenKind.LeftBracket:
                return ParseSet();
            case TokenKind.LeftBrace:
                return ParseRecord();
            case TokenKind.Identifier:
                return ParseNamePrimary();
            default:
                throw Error(token, "expected an expression, found " + token.Describe());
        }
    }

    private Expr ParseSet()
    {
        var open = Next();
        Enter(open);
        try
        {
            var items = new List<Expr>();
            while (Current.Kind != TokenKind.RightBracket)
            {
                items.Add(ParseExpr());
                if (!Accept(TokenKind.Comma))
                {
                    break;
                }
            }

            Expect(TokenKind.RightBracket, "`]` or `,`");
            return Bounded(At(new SetExpr([.. items]), open), open);
        }
        finally
        {
            Leave();
        }
    }

    private Expr ParseRecord()
    {
        var open = Next();
        Enter(open);
        try
        {
            var keys = new List<string>();
            var values = new List<Expr>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (Current.Kind != TokenKind.RightBrace)
            {
                var keyToken = Current;
                string key;
                if (keyToken.Kind == TokenKind.String)
                {
                    key = Unescape(Next());
                }
                else if (keyToken.Kind == TokenKind.Identifier)
                {
                    if (Reserved.Contains(keyToken.Text))
                    {
                        throw Error(keyToken, "`" + keyToken.Text + "` is a reserved word; write the key as a string: `\"" + keyToken.Text + "\"`");
                    }

                    key = Next().Text;
                }
                else
                {
                    throw Error(keyToken, "expected a record key (identifier or string), found " + keyToken.Describe());
                }

                Expect(TokenKind.Colon, "`:`");
                if (!seen.Add(key))
                {
                    throw Error(keyToken, "duplicate key `" + key + "` in record literal");
                }

                keys.Add(key);
                values.Add(ParseExpr());
                if (!Accept(TokenKind.Comma))
                {
                    break;
                }
            }

            Expect(TokenKind.RightBrace, "`}` or `,`");
            return Bounded(At(new RecordExpr([.. keys], [.. values]), open), open);
        }
        finally
        {
            Leave();
        }
    }

    private Expr ParseNamePrimary()
    {
        var first = Next();
        switch (first.Text)
        {
            case "true":
                return At(new LiteralExpr(BoolValue.True), first);
            case "false":
                return At(new LiteralExpr(BoolValue.False), first);
            case "if" or "then" or "else":
                throw Error(first, "expected an expression, found " + first.Describe());
        }

        var path = new List<string> { first.Text };
        while (Current.Kind == TokenKind.ColonColon)
        {
            Next();
            if (Current.Kind == TokenKind.String)
            {
                var id = Unescape(Next());
                return At(new LiteralExpr(new EntityUid(string.Join("::", path), id)), first);
            }

            if (Current.Kind == TokenKind.LeftBrace)
            {
                throw Error(Current, "entity literals with record syntax are not supported");
            }

            path.Add(ExpectIdentifier("a name or an entity id string").Text);
            if (path.Count > MaxNesting)
            {
                throw Error(first, "name is too long");
            }
        }

        if (path.Count == 1)
        {
            switch (first.Text)
            {
                case "principal": return At(new VariableExpr(Variable.Principal), first);
                case "action": return At(new VariableExpr(Variable.Action), first);
                case "resource": return At(new VariableExpr(Variable.Resource), first);
                case "context": return At(new VariableExpr(Variable.Context), first);
            }
        }

        var name = string.Join("::", path);
        if (Current.Kind != TokenKind.LeftParen)
        {
            throw Error(first, "unknown variable `" + name + "`; the variables are principal, action, resource and context");
        }

        if (path.Count == 1 && (BuiltinMethods.Contains(name) || ExtensionFunctions.IsMethod(name)))
        {
            throw Error(first, "`" + name + "` is a method, not a function; call it as `x." + name + "(...)`");
        }

        if (!ExtensionFunctions.TryGet(name, out var function))
        {
            throw Error(first, "unknown function `" + name + "`");
        }

        var args = ParseArguments();
        return Bounded(At(new ExtensionCallExpr(function, [.. args]), first), first);
    }
}
