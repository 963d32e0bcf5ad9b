namespace Mandate.Cedar.Evaluation;

/// <summary>
/// A compiled expression node. Nodes mirror the policy syntax (so they can be formatted back) and evaluate
/// without exceptions: an error returns null and records its message in the context.
/// </summary>
internal abstract class Expr
{
    /// <summary>
    /// The 1-based line where the expression starts in the text it was parsed from (its first token; inside the
    /// parentheses for a parenthesized one); 0 for nodes built another way (policy JSON, the validator's own rewrites). Two ints per node, so
    /// that validation errors can point at the expression they are about without a side table.
    /// </summary>
    public int Line { get; private set; }

    /// <summary>The 1-based column that goes with <see cref="Line"/>; 0 when the position is unknown.</summary>
    public int Column { get; private set; }

    /// <summary>Depth of the tree below and including this node (bounded by the parser).</summary>
    public abstract int Depth { get; }

    /// <summary>The value when it does not depend on the request (literals and literal-only sets, records, calls).</summary>
    public virtual CedarValue? Constant => null;

    /// <summary>Gives <paramref name="expr"/> a source position and returns it.</summary>
    public static T At<T>(T expr, int line, int column)
        where T : Expr
    {
        expr.Line = line;
        expr.Column = column;
        return expr;
    }

    /// <summary>Gives <paramref name="expr"/> the source position of <paramref name="from"/> (where a larger expression starts).</summary>
    public static T At<T>(T expr, Expr from)
        where T : Expr => At(expr, from.Line, from.Column);

    public abstract CedarValue? Evaluate(EvaluationContext context);

    public abstract void Accept(IExprVisitor visitor);
}
