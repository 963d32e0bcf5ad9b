namespace Mandate.Cedar.Evaluation;

/// <summary>A set literal; one made only of literals is built once, not on every evaluation.</summary>
internal sealed class SetExpr(Expr[] items) : Expr
{
    private readonly SetValue? _constant = items.All(i => i.Constant is not null)
        ? SetValue.Create(items.Select(i => i.Constant!))
        : null;

    public IReadOnlyList<Expr> Items => items;

    public override CedarValue? Constant => _constant;

    public override int Depth { get; } = items.Length == 0 ? 1 : items.Max(i => i.Depth) + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        if (_constant is not null)
        {
            return _constant;
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
