using System.Runtime.CompilerServices;
using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar.Parsing;

/// <summary>
/// A recursive-descent parser for Cedar policies that follows the reference grammar. Nesting is bounded
/// (<see cref="MaxNesting"/>, <see cref="MaxExpressionDepth"/>) and the stack is checked, so hostile input
/// yields a parse error, never a crash. One error is reported per malformed policy; parsing resumes after
/// the next <c>;</c>.
/// </summary>
internal sealed partial class Parser
{
    public const int MaxNesting = 256;
    public const int MaxExpressionDepth = 1024;
    public const int MaxTextLength = 16 * 1024 * 1024;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar",
    };

    private readonly List<Token> _tokens;
    private int _pos;
    private int _nesting;

    private Parser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    private Token Current => _tokens[_pos];

    public static (List<Policy> Policies, List<CedarParseError> Errors) ParsePolicies(string text)
    {
        var policies = new List<Policy>();
        var errors = new List<CedarParseError>();
        if (text.Length > MaxTextLength)
        {
            errors.Add(new CedarParseError(1, 1, $"policy text is too large (more than {MaxTextLength} characters)"));
            return (policies, errors);
        }

        var parser = new Parser(Lexer.Tokenize(text));
        var index = 0;
        while (parser.Current.Kind != TokenKind.End)
        {
            var id = "policy" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            index++;
            try
            {
                policies.Add(parser.ParsePolicy(id));
            }
            catch (ParseFailure failure)
            {
                errors.Add(failure.Error);
                parser.SkipPastSemicolon();
            }
            catch (InsufficientExecutionStackException)
            {
                errors.Add(new CedarParseError(parser.Current.Line, parser.Current.Column, "policy is nested too deeply"));
                parser.SkipPastSemicolon();
            }
        }

        return (policies, errors);
    }

    /// <summary>Parses a single expression (for tests and tools).</summary>
    internal static Expr ParseExpression(string text)
    {
        var parser = new Parser(Lexer.Tokenize(text));
        try
        {
            var expr = parser.ParseExpr();
            parser.Expect(TokenKind.End, "end of input");
            return expr;
        }
        catch (ParseFailure failure)
        {
            throw new CedarParseException([failure.Error]);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new CedarParseException([new CedarParseError(1, 1, "expression is nested too deeply")]);
        }
    }

    private void SkipPastSemicolon()
    {
        while (Current.Kind is not (TokenKind.End or TokenKind.Semicolon))
        {
            _pos++;
        }

        if (Current.Kind == TokenKind.Semicolon)
        {
            _pos++;
        }
    }

    private Token Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

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

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current, "expected " + what + ", found " + Current.Describe());
        }

        return Next();
    }

    private Token ExpectIdentifier(string what)
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Error(Current, "expected " + what + ", found " + Current.Describe());
        }

        return Next();
    }

    private static ParseFailure Error(Token at, string message) => new(new CedarParseError(at.Line, at.Column, message));

    private string Unescape(Token token)
    {
        if (!CedarText.TryUnescape(token.Text, out var value, out var error))
        {
            throw Error(token, error ?? "invalid string literal");
        }

        return value;
    }

    private T Bounded<T>(T expr, Token at)
        where T : Expr
    {
        if (expr.Depth > MaxExpressionDepth)
        {
            throw Error(at, $"expression is nested too deeply (more than {MaxExpressionDepth} levels)");
        }

        return expr;
    }

    /// <summary>Gives a node the position of the token its expression starts with.</summary>
    private static T At<T>(T expr, Token start)
        where T : Expr => Expr.At(expr, start.Line, start.Column);

    private void Enter(Token at)
    {
        if (++_nesting > MaxNesting)
        {
            throw Error(at, $"expression is nested too deeply (more than {MaxNesting} levels)");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private void Leave() => _nesting--;
}
