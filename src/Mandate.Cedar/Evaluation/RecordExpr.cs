namespace Mandate.Cedar.Evaluation;

/// <summary>A record literal; one made only of literals is built once, not on every evaluation.</summary>
internal sealed class RecordExpr(string[] keys, Expr[] values) : Expr
{
    private readonly RecordValue? _constant = values.All(v => v.Constant is not null)
        ? RecordValue.Create(keys.Select((k, i) => new KeyValuePair<string, CedarValue>(k, values[i].Constant!)))
        : null;

    public IReadOnlyList<string> Keys => keys;

    public IReadOnlyList<Expr> Values => values;

    public override CedarValue? Constant => _constant;

    public override int Depth { get; } = values.Length == 0 ? 1 : values.Max(i => i.Depth) + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        if (_constant is not null)
        {
            return _constant;
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
