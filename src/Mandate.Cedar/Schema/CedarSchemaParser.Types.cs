using System.Runtime.CompilerServices;
using Mandate.Cedar.Parsing;

namespace Mandate.Cedar.Schema;

internal sealed partial class CedarSchemaParser
{
    private RawType ParseType()
    {
        var start = Current;
        if (Current.Kind == TokenKind.LeftBrace)
        {
            return ParseRecordType();
        }

        if (Current.IsIdentifier("Set") && _tokens[_pos + 1].Kind == TokenKind.Less)
        {
            Next();
            Next();
            Enter(start);
            try
            {
                var element = ParseType();
                Expect(TokenKind.Greater, "`>`");
                return new RawType(RawTypeKind.Set, null, element, null, start.Line, start.Column);
            }
            finally
            {
                _depth--;
            }
        }

        var name = ParsePath("a type");
        return new RawType(RawTypeKind.Name, name, null, null, start.Line, start.Column);
    }

    private RawType ParseRecordType()
    {
        var open = Expect(TokenKind.LeftBrace, "`{`");
        Enter(open);
        try
        {
            // As in Cedar, a repeated attribute name is not an error: the last declaration wins.
            var attributes = new List<RawAttribute>();
            while (Current.Kind != TokenKind.RightBrace)
            {
                SkipAnnotations();
                var name = ExpectName("an attribute name");
                var required = true;
                if (Current.Kind == TokenKind.Invalid && Current.Text == "?")
                {
                    Next();
                    required = false;
                }

                Expect(TokenKind.Colon, "`:`");
                var type = ParseType();
                attributes.Add(new RawAttribute(NameText(name), type, required));
                if (!Accept(TokenKind.Comma))
                {
                    break;
                }
            }

            Expect(TokenKind.RightBrace, "`}` or `,`");
            return new RawType(RawTypeKind.Record, null, null, attributes, open.Line, open.Column);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>A single entity type name or a bracketed list of them.</summary>
    private List<string> ParseTypeList()
    {
        var list = new List<string>();
        if (Accept(TokenKind.LeftBracket))
        {
            while (Current.Kind != TokenKind.RightBracket)
            {
                list.Add(ParsePath("an entity type name"));
                if (!Accept(TokenKind.Comma))
                {
                    break;
                }
            }

            Expect(TokenKind.RightBracket, "`]` or `,`");
        }
        else
        {
            list.Add(ParsePath("an entity type name"));
        }

        return list;
    }

    private RawActionRef ParseActionRef()
    {
        var start = Current;
        if (Current.Kind == TokenKind.String)
        {
            return new RawActionRef(null, Unescape(Next()), start.Line, start.Column);
        }

        var path = new List<string> { ExpectIdentifier("an action name or an action reference like `Action::\"view\"`").Text };
        while (Accept(TokenKind.ColonColon))
        {
            if (Current.Kind == TokenKind.String)
            {
                return new RawActionRef(string.Join("::", path), Unescape(Next()), start.Line, start.Column);
            }

            path.Add(ExpectIdentifier("a name or an action id string").Text);
        }

        if (path.Count > 1)
        {
            throw Error(start, "expected an action id string after `" + string.Join("::", path) + "::`");
        }

        return new RawActionRef(null, path[0], start.Line, start.Column);
    }

    private string ParsePath(string what)
    {
        var parts = new List<string> { ExpectIdentifier(what).Text };
        while (Current.Kind == TokenKind.ColonColon)
        {
            Next();
            parts.Add(ExpectIdentifier("a name after `::`").Text);
        }

        return string.Join("::", parts);
    }

    private void SkipAnnotations()
    {
        while (Current.Kind == TokenKind.At)
        {
            Next();
            ExpectIdentifier("an annotation name");
            if (Accept(TokenKind.LeftParen))
            {
                Unescape(Expect(TokenKind.String, "a string literal"));
                Expect(TokenKind.RightParen, "`)`");
            }
        }
    }

    /// <summary>
    /// Skips to just after the next <c>;</c> after an error; inside a namespace, also stops before the brace that
    /// closes it. At least one token is consumed at the top level, so reading always moves on.
    /// </summary>
    private void Recover(int declarationStart, bool inNamespace)
    {
        // Braces opened since the declaration began must close before its `;`.
        var depth = 0;
        for (var i = declarationStart; i < _pos; i++)
        {
            depth += _tokens[i].Kind switch
            {
                TokenKind.LeftBrace => 1,
                TokenKind.RightBrace => -1,
                _ => 0,
            };
        }

        while (Current.Kind != TokenKind.End)
        {
            var kind = Next().Kind;
            if (kind == TokenKind.LeftBrace)
            {
                depth++;
            }
            else if (kind == TokenKind.RightBrace && --depth < 0)
            {
                if (inNamespace)
                {
                    _pos--;
                    return;
                }

                depth = 0;
            }
            else if (kind == TokenKind.Semicolon && depth <= 0)
            {
                return;
            }
        }
    }

    private void Enter(Token at)
    {
        if (++_depth > MaxDepth)
        {
            throw Error(at, $"type is nested too deeply (more than {MaxDepth} levels)");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private Token Next()
    {
        var token = _tokens[_pos];
        if (token.Kind != TokenKind.End)
        {
            _pos++;
        }

        return token;
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _pos++;
        return true;
    }

    private Token Expect(TokenKind kind, string what) =>
        Current.Kind == kind ? Next() : throw Error(Current, "expected " + what + ", found " + Current.Describe());

    private Token ExpectIdentifier(string what) => Expect(TokenKind.Identifier, what);

    private Token ExpectName(string what) =>
        Current.Kind is TokenKind.Identifier or TokenKind.String ? Next() : throw Error(Current, "expected " + what + ", found " + Current.Describe());

    private string NameText(Token token) => token.Kind == TokenKind.String ? Unescape(token) : token.Text;

    private static string Unescape(Token token) =>
        CedarText.TryUnescape(token.Text, out var value, out var error) ? value : throw Error(token, error ?? "invalid string literal");

    private static SchemaSyntaxException Error(Token at, string message) => new(new SchemaError(at.Line, at.Column, message));
}
