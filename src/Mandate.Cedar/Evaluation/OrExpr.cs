namespace Mandate.Cedar.Evaluation;

/// <summary><c>a || b</c>: short-circuits; both sides must be booleans when evaluated.</summary>
internal sealed class OrExpr(Expr left, Expr right) : Expr
{
    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override int Depth { get; } = Math.Max(left.Depth, right.Depth) + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        var l = Left.Evaluate(context);
        if (l is null)
        {
            return null;
        }

        if (l is not BoolValue lb)
        {
            return context.TypeError("Bool", l);
        }

        if (lb.Value)
        {
            return BoolValue.True;
        }

        var r = Right.Evaluate(context);
        if (r is null)
        {
            return null;
        }

        return r is BoolValue ? r : context.TypeError("Bool", r);
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
