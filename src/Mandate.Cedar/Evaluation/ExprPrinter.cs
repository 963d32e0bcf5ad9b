using System.Text;
using Mandate.Cedar.Parsing;

namespace Mandate.Cedar.Evaluation;

/// <summary>
/// Prints an expression as Cedar source, adding parentheses only where precedence needs them, so that
/// parsing the output gives back the same tree.
/// </summary>
internal sealed class ExprPrinter : IExprVisitor
{
    // Precedence levels from the grammar, loosest first.
    private const int IfLevel = 0;
    private const int OrLevel = 1;
    private const int AndLevel = 2;
    private const int RelationLevel = 3;
    private const int AddLevel = 4;
    private const int MultLevel = 5;
    private const int UnaryLevel = 6;
    private const int MemberLevel = 7;

    private readonly StringBuilder _sb;

    private ExprPrinter(StringBuilder sb)
    {
        _sb = sb;
    }

    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        Print(sb, expr);
        return sb.ToString();
    }

    public static void Print(StringBuilder sb, Expr expr) => new ExprPrinter(sb).Write(expr, IfLevel);

    public void Visit(LiteralExpr node) => _sb.Append(node.Value);

    public void Visit(VariableExpr node) => _sb.Append(node.Variable switch
    {
        Variable.Principal => "principal",
        Variable.Action => "action",
        Variable.Resource => "resource",
        _ => "context",
    });

    public void Visit(UnaryExpr node)
    {
        switch (node.Op)
        {
            case UnaryOp.Not:
                _sb.Append('!');
                WriteUnaryOperand(node.Operand);
                break;
            case UnaryOp.Negate:
                _sb.Append('-');
                WriteUnaryOperand(node.Operand);
                break;
            default:
                Write(node.Operand, MemberLevel);
                _sb.Append(".isEmpty()");
                break;
        }
    }

    public void Visit(BinaryExpr node)
    {
        var method = node.Op switch
        {
            BinaryOp.Contains => "contains",
            BinaryOp.ContainsAll => "containsAll",
            BinaryOp.ContainsAny => "containsAny",
            BinaryOp.GetTag => "getTag",
            BinaryOp.HasTag => "hasTag",
            _ => null,
        };
        if (method is not null)
        {
            Write(node.Left, MemberLevel);
            _sb.Append('.').Append(method).Append('(');
            Write(node.Right, IfLevel);
            _sb.Append(')');
            return;
        }

        var (symbol, level) = node.Op switch
        {
            BinaryOp.Equal => ("==", RelationLevel),
            BinaryOp.NotEqual => ("!=", RelationLevel),
            BinaryOp.Less => ("<", RelationLevel),
            BinaryOp.LessOrEqual => ("<=", RelationLevel),
            BinaryOp.Greater => (">", RelationLevel),
            BinaryOp.GreaterOrEqual => (">=", RelationLevel),
            BinaryOp.In => ("in", RelationLevel),
            BinaryOp.Add => ("+", AddLevel),
            BinaryOp.Subtract => ("-", AddLevel),
            _ => ("*", MultLevel),
        };
        var leftLevel = level == RelationLevel ? AddLevel : level;
        Write(node.Left, leftLevel);
        _sb.Append(' ').Append(symbol).Append(' ');
        Write(node.Right, level + 1);
    }

    public void Visit(AndExpr node)
    {
        Write(node.Left, AndLevel);
        _sb.Append(" && ");
        Write(node.Right, RelationLevel);
    }

    public void Visit(OrExpr node)
    {
        Write(node.Left, OrLevel);
        _sb.Append(" || ");
        Write(node.Right, AndLevel);
    }

    public void Visit(IfExpr node)
    {
        _sb.Append("if ");
        Write(node.Condition, IfLevel);
        _sb.Append(" then ");
        Write(node.Then, IfLevel);
        _sb.Append(" else ");
        Write(node.Else, IfLevel);
    }

    public void Visit(GetAttrExpr node)
    {
        Write(node.Target, MemberLevel);
        if (IsIdentifier(node.Attribute))
        {
            _sb.Append('.').Append(node.Attribute);
        }
        else
        {
            _sb.Append('[').Append(CedarText.Quote(node.Attribute)).Append(']');
        }
    }

    public void Visit(HasAttrExpr node)
    {
        if (node.Path.Count > 1 && !node.Path.All(IsIdentifier))
        {
            // A chain the `has a.b` syntax cannot spell: write its meaning, one quoted attribute at a time.
            _sb.Append('(');
            for (var i = 0; i < node.Path.Count; i++)
            {
                if (i > 0)
                {
                    _sb.Append(" && ");
                }

                Write(node.Target, MemberLevel);
                for (var j = 0; j < i; j++)
                {
                    _sb.Append('[').Append(CedarText.Quote(node.Path[j])).Append(']');
                }

                _sb.Append(" has ").Append(CedarText.Quote(node.Path[i]));
            }

            _sb.Append(')');
            return;
        }

        Write(node.Target, AddLevel);
        _sb.Append(" has ");
        if (node.Path.Count == 1 && !IsIdentifier(node.Path[0]))
        {
            _sb.Append(CedarText.Quote(node.Path[0]));
        }
        else
        {
            _sb.AppendJoin('.', node.Path);
        }
    }

    public void Visit(LikeExpr node)
    {
        Write(node.Target, AddLevel);
        _sb.Append(" like \"");
        foreach (var part in node.Pattern.Parts)
        {
            if (part is null)
            {
                _sb.Append('*');
            }
            else
            {
                CedarText.AppendEscaped(_sb, part, escapeStar: true);
            }
        }

        _sb.Append('"');
    }

    public void Visit(IsExpr node)
    {
        Write(node.Target, AddLevel);
        _sb.Append(" is ").Append(node.EntityType);
        if (node.InExpr is not null)
        {
            _sb.Append(" in ");
            Write(node.InExpr, AddLevel);
        }
    }

    public void Visit(SetExpr node)
    {
        _sb.Append('[');
        for (var i = 0; i < node.Items.Count; i++)
        {
            if (i > 0)
            {
                _sb.Append(", ");
            }

            Write(node.Items[i], IfLevel);
        }

        _sb.Append(']');
    }

    public void Visit(RecordExpr node)
    {
        _sb.Append('{');
        for (var i = 0; i < node.Keys.Count; i++)
        {
            if (i > 0)
            {
                _sb.Append(", ");
            }

            _sb.Append(IsIdentifier(node.Keys[i]) ? node.Keys[i] : CedarText.Quote(node.Keys[i])).Append(": ");
            Write(node.Values[i], IfLevel);
        }

        _sb.Append('}');
    }

    public void Visit(ExtensionCallExpr node)
    {
        var args = node.Args;
        var start = 0;
        if (node.Function.IsMethod)
        {
            Write(args[0], MemberLevel);
            _sb.Append('.');
            start = 1;
        }

        _sb.Append(node.Function.Name).Append('(');
        for (var i = start; i < args.Count; i++)
        {
            if (i > start)
            {
                _sb.Append(", ");
            }

            Write(args[i], IfLevel);
        }

        _sb.Append(')');
    }

    /// <summary>A valid, unreserved identifier can be written bare; anything else must be a quoted string.</summary>
    internal static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return name is not ("true" or "false" or "if" or "then" or "else" or "in" or "is" or "like" or "has" or "__cedar");
    }

    private static int LevelOf(Expr expr) => expr switch
    {
        IfExpr => IfLevel,
        OrExpr => OrLevel,
        AndExpr => AndLevel,
        BinaryExpr b => b.Op switch
        {
            BinaryOp.Add or BinaryOp.Subtract => AddLevel,
            BinaryOp.Multiply => MultLevel,
            BinaryOp.Contains or BinaryOp.ContainsAll or BinaryOp.ContainsAny or BinaryOp.GetTag or BinaryOp.HasTag => MemberLevel,
            _ => RelationLevel,
        },
        HasAttrExpr h when h.Path.Count > 1 && !h.Path.All(IsIdentifier) => MemberLevel,
        HasAttrExpr or LikeExpr or IsExpr => RelationLevel,
        UnaryExpr u => u.Op == UnaryOp.IsEmpty ? MemberLevel : UnaryLevel,
        LiteralExpr { Value: LongValue { Value: < 0 } } => UnaryLevel,
        _ => MemberLevel,
    };

    private void WriteUnaryOperand(Expr operand)
    {
        // Parenthesize nested unary operators so runs never exceed the grammar's limit of four, and numbers
        // under a minus, which would otherwise read back as a negative literal.
        if (LevelOf(operand) < MemberLevel || operand is LiteralExpr { Value: LongValue })
        {
            _sb.Append('(');
            Write(operand, IfLevel);
            _sb.Append(')');
        }
        else
        {
            Write(operand, MemberLevel);
        }
    }

    private void Write(Expr expr, int minimumLevel)
    {
        if (LevelOf(expr) < minimumLevel)
        {
            _sb.Append('(');
            expr.Accept(this);
            _sb.Append(')');
        }
        else
        {
            expr.Accept(this);
        }
    }
}
