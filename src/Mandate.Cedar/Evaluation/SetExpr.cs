namespace Mandate.Cedar.Evaluation;

internal sealed class SetExpr(Expr[] items) : Expr
{
    public IReadOnlyList<Expr> Items => items;

    public override int Depth { get; } = items.Length == 0 ? 1 : items.Max(i => i.Depth) + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        if (items.Length == 0)
        {
            return SetValue.Empty;
        }

        var values = new CedarValue[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var v = items[i].Evaluate(context);
            if (v is null)
            {
                return null;
            }

            values[i] = v;
        }

        return SetValue.Create(values);
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
