using System.Globalization;
using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar.Parsing;

internal sealed partial class Parser
{
    private Expr ParseExpr()
    {
        var start = Current;
        Enter(start);
        try
        {
            if (Current.IsIdentifier("if"))
            {
                Next();
                var condition = ParseExpr();
                if (!Current.IsIdentifier("then"))
                {
                    throw Error(Current, "expected `then`, found " + Current.Describe());
                }

                Next();
                var then = ParseExpr();
                if (!Current.IsIdentifier("else"))
                {
                    throw Error(Current, "expected `else`, found " + Current.Describe());
                }

                Next();
                var otherwise = ParseExpr();
                return Bounded(At(new IfExpr(condition, then, otherwise), start), start);
            }

            return ParseOr();
        }
        finally
        {
            Leave();
        }
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.OrOr)
        {
            var op = Next();
            left = Bounded(Expr.At(new OrExpr(left, ParseAnd()), left), op);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseRelation();
        while (Current.Kind == TokenKind.AndAnd)
        {
            var op = Next();
            left = Bounded(Expr.At(new AndExpr(left, ParseRelation()), left), op);
        }

        return left;
    }

    private Expr ParseRelation()
    {
        var left = ParseAdd();
        var token = Current;
        if (token.IsIdentifier("has"))
        {
            Next();
            return Bounded(Expr.At(new HasAttrExpr(left, ParseHasPath()), left), token);
        }

        if (token.IsIdentifier("like"))
        {
            Next();
            var patternToken = Current;
            if (patternToken.Kind != TokenKind.String || Peek().Kind is TokenKind.Dot or TokenKind.LeftBracket or TokenKind.LeftParen)
            {
                throw Error(patternToken, "expected a string literal pattern after `like`, found " + patternToken.Describe());
            }

            Next();
            if (!CedarText.TryUnescape(patternToken.Text, pattern: true, out var parts, out var error))
            {
                throw Error(patternToken, error ?? "invalid pattern");
            }

            return Bounded(Expr.At(new LikeExpr(left, new Pattern(parts)), left), token);
        }

        if (token.IsIdentifier("is"))
        {
            Next();
            var type = ParseTypeName();
            Expr? inExpr = null;
            if (Current.IsIdentifier("in"))
            {
                Next();
                inExpr = ParseAdd();
            }

            return Bounded(Expr.At(new IsExpr(left, type, inExpr), left), token);
        }

        var op = RelationalOp(token);
        if (op is null)
        {
            return left;
        }

        Next();
        var right = ParseAdd();
        if (RelationalOp(Current) is not null)
        {
            throw Error(Current, "multiple relational operators (`==`, `<`, `in`, ...) must be parenthesized");
        }

        return Bounded(Expr.At(new BinaryExpr(op.Value, left, right), left), token);
    }

    private static BinaryOp? RelationalOp(Token token)
    {
        switch (token.Kind)
        {
            case TokenKind.EqualEqual: return BinaryOp.Equal;
            case TokenKind.NotEqual: return BinaryOp.NotEqual;
            case TokenKind.Less: return BinaryOp.Less;
            case TokenKind.LessEqual: return BinaryOp.LessOrEqual;
            case TokenKind.Greater: return BinaryOp.Greater;
            case TokenKind.GreaterEqual: return BinaryOp.GreaterOrEqual;
            case TokenKind.Equal: throw Error(token, "`=` is not an operator; did you mean `==`?");
            case TokenKind.Identifier when token.Text == "in": return BinaryOp.In;
            default: return null;
        }
    }

    private string[] ParseHasPath()
    {
        var token = Current;
        if (token.Kind == TokenKind.String)
        {
            Next();
            return [Unescape(token)];
        }

        if (token.Kind != TokenKind.Identifier)
        {
            throw Error(token, "expected an attribute name after `has`, found " + token.Describe());
        }

        if (Reserved.Contains(token.Text))
        {
            throw Error(token, "`" + token.Text + "` is a reserved word; write the attribute as a string: `has \"" + token.Text + "\"`");
        }

        Next();
        var path = new List<string> { token.Text };
        while (Current.Kind == TokenKind.Dot)
        {
            Next();
            var segment = ExpectIdentifier("an attribute name");
            if (Reserved.Contains(segment.Text))
            {
                throw Error(segment, "`" + segment.Text + "` is a reserved word; write the attribute as a string");
            }

            path.Add(segment.Text);
            if (path.Count > MaxExpressionDepth)
            {
                throw Error(token, "attribute path is too long");
            }
        }

        return [.. path];
    }

    private Expr ParseAdd()
    {
        var left = ParseMult();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next();
            var right = ParseMult();
            left = Bounded(Expr.At(new BinaryExpr(op.Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Subtract, left, right), left), op);
        }

        return left;
    }

    private Expr ParseMult()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Next();
            if (op.Kind != TokenKind.Star)
            {
                throw Error(op, "`" + op.Text + "` is not supported; Cedar has no division or remainder");
            }

            left = Bounded(Expr.At(new BinaryExpr(BinaryOp.Multiply, left, ParseUnary()), left), op);
        }

        return left;
    }

    private Expr ParseUnary()
    {
        var start = Current;
        if (start.Kind is not (TokenKind.Bang or TokenKind.Minus))
        {
            return ParseMember();
        }

        var count = 0;
        while (Current.Kind == start.Kind)
        {
            Next();
            count++;
        }

        if (count > 4)
        {
            throw Error(start, "too many consecutive `" + start.Text + "` operators (at most 4)");
        }

        if (start.Kind == TokenKind.Bang)
        {
            var operand = ParseMember();
            for (var i = 0; i < count; i++)
            {
                operand = Bounded(At(new UnaryExpr(UnaryOp.Not, operand), start), start);
            }

            return operand;
        }

        Expr result;
        if (Current.Kind == TokenKind.Number && Peek().Kind is not (TokenKind.Dot or TokenKind.LeftBracket or TokenKind.LeftParen))
        {
            // A negative literal: `-9223372036854775808` is i64::MIN, not an overflowing negation.
            var number = Next();
            if (!ulong.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > (ulong)long.MaxValue + 1)
            {
                throw Error(number, "integer literal `" + number.Text + "` is too large");
            }

            result = At(new LiteralExpr(LongValue.Of(n == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)n)), start);
            count--;
        }
        else
        {
            result = ParseMember();
        }

        for (var i = 0; i < count; i++)
        {
            result = Bounded(At(new UnaryExpr(UnaryOp.Negate, result), start), start);
        }

        return result;
    }
}
