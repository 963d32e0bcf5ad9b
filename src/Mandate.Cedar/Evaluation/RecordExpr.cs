namespace Mandate.Cedar.Evaluation;

internal sealed class RecordExpr(string[] keys, Expr[] values) : Expr
{
    public IReadOnlyList<string> Keys => keys;

    public IReadOnlyList<Expr> Values => values;

    public override int Depth { get; } = values.Length == 0 ? 1 : values.Max(i => i.Depth) + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        if (keys.Length == 0)
        {
            return RecordValue.Empty;
        }

        var map = new Dictionary<string, CedarValue>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var v = values[i].Evaluate(context);
            if (v is null)
            {
                return null;
            }

            map[keys[i]] = v;
        }

        return RecordValue.Wrap(map);
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
