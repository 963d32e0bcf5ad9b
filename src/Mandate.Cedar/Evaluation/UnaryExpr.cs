namespace Mandate.Cedar.Evaluation;

internal sealed class UnaryExpr(UnaryOp op, Expr operand) : Expr
{
    public UnaryOp Op { get; } = op;

    public Expr Operand { get; } = operand;

    public override int Depth { get; } = operand.Depth + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        var value = Operand.Evaluate(context);
        if (value is null)
        {
            return null;
        }

        switch (Op)
        {
            case UnaryOp.Not:
                return value is BoolValue b ? BoolValue.Of(!b.Value) : context.TypeError("Bool", value);
            case UnaryOp.Negate:
                if (value is not LongValue l)
                {
                    return context.TypeError("Long", value);
                }

                return l.Value == long.MinValue ? context.Fail("integer overflow while attempting to negate " + l) : LongValue.Of(-l.Value);
            default:
                return value is SetValue s ? BoolValue.Of(s.Count == 0) : context.TypeError("Set", value);
        }
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
