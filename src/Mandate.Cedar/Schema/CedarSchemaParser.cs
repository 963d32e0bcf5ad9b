using Mandate.Cedar.Parsing;

namespace Mandate.Cedar.Schema;

/// <summary>
/// Reads the human-readable <c>.cedarschema</c> format into a <see cref="SchemaFragment"/>. A malformed
/// declaration is reported with the line and column and what was expected, and reading resumes after the
/// next <c>;</c>, so every broken declaration is reported.
/// </summary>
internal sealed partial class CedarSchemaParser
{
    private const int MaxDepth = 128;

    private readonly List<Token> _tokens;
    private readonly SchemaFragment _fragment = new();
    private readonly List<SchemaError> _errors = [];
    private int _pos;
    private int _depth;

    private CedarSchemaParser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    private Token Current => _tokens[_pos];

    public static (SchemaFragment Fragment, List<SchemaError> Errors) Parse(string text)
    {
        var parser = new CedarSchemaParser(Lexer.Tokenize(text));
        parser.ParseSchema();
        return (parser._fragment, parser._errors);
    }

    private void ParseSchema()
    {
        while (Current.Kind != TokenKind.End)
        {
            var start = _pos;
            try
            {
                SkipAnnotations();
                if (Current.IsIdentifier("namespace"))
                {
                    ParseNamespace();
                }
                else
                {
                    ParseDeclaration(string.Empty);
                }
            }
            catch (SchemaSyntaxException e)
            {
                _errors.Add(e.Error);
                Recover(start, inNamespace: false);
            }
            catch (InsufficientExecutionStackException)
            {
                _errors.Add(new SchemaError(Current.Line, Current.Column, "schema is nested too deeply"));
                Recover(start, inNamespace: false);
            }
        }
    }

    private void ParseNamespace()
    {
        Next();
        var name = ParsePath("a namespace name");
        Expect(TokenKind.LeftBrace, "`{`");
        while (Current.Kind is not (TokenKind.RightBrace or TokenKind.End))
        {
            var start = _pos;
            try
            {
                SkipAnnotations();
                ParseDeclaration(name);
            }
            catch (SchemaSyntaxException e)
            {
                _errors.Add(e.Error);
                Recover(start, inNamespace: true);
            }
        }

        Expect(TokenKind.RightBrace, "`}` closing namespace `" + name + "`");
    }

    private void ParseDeclaration(string ns)
    {
        var keyword = Current;
        if (keyword.IsIdentifier("entity"))
        {
            Next();
            ParseEntity(ns, keyword);
        }
        else if (keyword.IsIdentifier("action"))
        {
            Next();
            ParseAction(ns, keyword);
        }
        else if (keyword.IsIdentifier("type"))
        {
            Next();
            var name = ExpectIdentifier("a common type name");
            Expect(TokenKind.Equal, "`=`");
            var type = ParseType();
            Expect(TokenKind.Semicolon, "`;`");
            _fragment.CommonTypes.Add(new RawCommonType(ns, name.Text, type, name.Line, name.Column));
        }
        else
        {
            throw Error(keyword, "expected `entity`, `action`, `type` or `namespace`, found " + keyword.Describe());
        }
    }

    private void ParseEntity(string ns, Token keyword)
    {
        var names = new List<Token> { ExpectIdentifier("an entity type name") };
        while (Accept(TokenKind.Comma))
        {
            names.Add(ExpectIdentifier("an entity type name"));
        }

        List<string>? choices = null;
        var parents = new List<string>();
        RawType? attributes = null;
        RawType? tags = null;
        if (Current.IsIdentifier("enum"))
        {
            Next();
            Expect(TokenKind.LeftBracket, "`[`");
            choices = [];
            do
            {
                if (Current.Kind == TokenKind.RightBracket)
                {
                    break;
                }

                choices.Add(Unescape(Expect(TokenKind.String, "a string literal")));
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightBracket, "`]` or `,`");
            if (choices.Count == 0)
            {
                throw Error(keyword, "an enumerated entity type needs at least one value");
            }
        }
        else
        {
            if (Current.IsIdentifier("in"))
            {
                Next();
                parents.AddRange(ParseTypeList());
            }

            if (Accept(TokenKind.Equal))
            {
                attributes = ParseRecordType();
            }
            else if (Current.Kind == TokenKind.LeftBrace)
            {
                attributes = ParseRecordType();
            }

            if (Current.IsIdentifier("tags"))
            {
                Next();
                tags = ParseType();
            }
        }

        Expect(TokenKind.Semicolon, "`;`");
        foreach (var name in names)
        {
            _fragment.EntityTypes.Add(new RawEntityType(ns, name.Text, parents, attributes, tags, choices, name.Line, name.Column));
        }
    }

    private void ParseAction(string ns, Token keyword)
    {
        var names = new List<Token> { ExpectName("an action name") };
        while (Accept(TokenKind.Comma))
        {
            names.Add(ExpectName("an action name"));
        }

        var parents = new List<RawActionRef>();
        if (Current.IsIdentifier("in"))
        {
            Next();
            if (Accept(TokenKind.LeftBracket))
            {
                while (Current.Kind != TokenKind.RightBracket)
                {
                    parents.Add(ParseActionRef());
                    if (!Accept(TokenKind.Comma))
                    {
                        break;
                    }
                }

                Expect(TokenKind.RightBracket, "`]` or `,`");
            }
            else
            {
                parents.Add(ParseActionRef());
            }
        }

        List<string>? principals = null;
        List<string>? resources = null;
        RawType? context = null;
        if (Current.IsIdentifier("appliesTo"))
        {
            Next();
            (principals, resources, context) = ParseAppliesTo();
        }
        else if (Current.Kind == TokenKind.LeftBrace)
        {
            throw Error(Current, "expected `appliesTo` before `{`");
        }

        if (Current.IsIdentifier("attributes"))
        {
            throw Error(Current, "action attributes are not supported");
        }

        Expect(TokenKind.Semicolon, "`;`");
        foreach (var name in names)
        {
            _fragment.Actions.Add(new RawAction(ns, NameText(name), parents, principals, resources, context, name.Line, name.Column));
        }

        _ = keyword;
    }

    private (List<string>? Principals, List<string>? Resources, RawType? Context) ParseAppliesTo()
    {
        var open = Expect(TokenKind.LeftBrace, "`{`");
        List<string>? principals = null;
        List<string>? resources = null;
        RawType? context = null;
        while (Current.Kind != TokenKind.RightBrace)
        {
            SkipAnnotations();
            var key = ExpectIdentifier("`principal`, `resource` or `context`");
            Expect(TokenKind.Colon, "`:`");
            switch (key.Text)
            {
                case "principal" when principals is null:
                    principals = ParseTypeList();
                    RequireSome(principals, key);
                    break;
                case "resource" when resources is null:
                    resources = ParseTypeList();
                    RequireSome(resources, key);
                    break;
                case "context" when context is null:
                    context = ParseType();
                    break;
                case "principal" or "resource" or "context":
                    throw Error(key, "`" + key.Text + "` is declared twice in `appliesTo`");
                default:
                    throw Error(key, "expected `principal`, `resource` or `context`, found " + key.Describe());
            }

            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RightBrace, "`}` or `,`");
        if (principals is null || resources is null)
        {
            throw Error(open, "`appliesTo` must declare both `principal` and `resource`");
        }

        return (principals, resources, context);
    }

    private static void RequireSome(List<string> types, Token key)
    {
        if (types.Count == 0)
        {
            throw Error(key, "`" + key.Text + "` is `[]`, which is invalid: an action must apply to at least one " + key.Text + " type");
        }
    }
}
