namespace Mandate.Cedar.Evaluation;

internal sealed class LikeExpr(Expr target, Pattern pattern) : Expr
{
    public Expr Target { get; } = target;

    public Pattern Pattern { get; } = pattern;

    public override int Depth { get; } = target.Depth + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        var value = Target.Evaluate(context);
        if (value is null)
        {
            return null;
        }

        return value is StringValue s ? BoolValue.Of(Pattern.IsMatch(s.Value)) : context.TypeError("String", value);
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
