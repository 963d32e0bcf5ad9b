namespace Mandate.Cedar.Evaluation;

/// <summary>
/// <c>e has a</c>, or the 4.x chain <c>e has a.b.c</c>, which means <c>e has a &amp;&amp; e.a has b &amp;&amp; e.a.b has c</c>.
/// </summary>
internal sealed class HasAttrExpr(Expr target, string[] path) : Expr
{
    public Expr Target { get; } = target;

    public IReadOnlyList<string> Path => path;

    public override int Depth { get; } = target.Depth + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        var value = Target.Evaluate(context);
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < path.Length; i++)
        {
            bool has;
            switch (value)
            {
                case RecordValue record:
                    has = record.ContainsKey(path[i]);
                    break;
                case EntityUid uid:
                    has = context.Entities.TryGet(uid, out var entity) && entity.AttributeMap.ContainsKey(path[i]);
                    break;
                default:
                    return context.TypeError("Record or (entity of any type)", value);
            }

            if (!has)
            {
                return BoolValue.False;
            }

            if (i < path.Length - 1)
            {
                value = GetAttrExpr.Get(context, value, path[i]);
                if (value is null)
                {
                    return null;
                }
            }
        }

        return BoolValue.True;
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
