namespace Mandate.Cedar.Evaluation;

internal sealed class LiteralExpr(CedarValue value) : Expr
{
    public CedarValue Value { get; } = value;

    public override int Depth => 1;

    public override CedarValue? Constant => Value;

    public override CedarValue? Evaluate(EvaluationContext context) => Value;

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
