namespace Mandate.Cedar.Evaluation;

/// <summary>
/// A compiled expression node. Nodes mirror the policy syntax (so they can be formatted back) and evaluate
/// without exceptions: an error returns null and records its message in the context.
/// </summary>
internal abstract class Expr
{
    /// <summary>Depth of the tree below and including this node (bounded by the parser).</summary>
    public abstract int Depth { get; }

    /// <summary>The value when it does not depend on the request (literals and literal-only sets, records, calls).</summary>
    public virtual CedarValue? Constant => null;

    public abstract CedarValue? Evaluate(EvaluationContext context);

    public abstract void Accept(IExprVisitor visitor);
}
