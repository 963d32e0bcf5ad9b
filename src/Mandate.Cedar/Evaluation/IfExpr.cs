namespace Mandate.Cedar.Evaluation;

internal sealed class IfExpr(Expr condition, Expr then, Expr otherwise) : Expr
{
    public Expr Condition { get; } = condition;

    public Expr Then { get; } = then;

    public Expr Else { get; } = otherwise;

    public override int Depth { get; } = Math.Max(condition.Depth, Math.Max(then.Depth, otherwise.Depth)) + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        var c = Condition.Evaluate(context);
        if (c is null)
        {
            return null;
        }

        if (c is not BoolValue b)
        {
            return context.TypeError("Bool", c);
        }

        return b.Value ? Then.Evaluate(context) : Else.Evaluate(context);
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
