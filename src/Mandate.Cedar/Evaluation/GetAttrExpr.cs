namespace Mandate.Cedar.Evaluation;

/// <summary><c>e.a</c> or <c>e["a"]</c> on a record or an entity.</summary>
internal sealed class GetAttrExpr(Expr target, string attribute) : Expr
{
    public Expr Target { get; } = target;

    public string Attribute { get; } = attribute;

    public override int Depth { get; } = target.Depth + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        var value = Target.Evaluate(context);
        return value is null ? null : Get(context, value, Attribute);
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);

    internal static CedarValue? Get(EvaluationContext context, CedarValue value, string attribute)
    {
        switch (value)
        {
            case RecordValue record:
                return record.TryGetValue(attribute, out var v)
                    ? v
                    : context.Fail("record does not have the attribute `" + attribute + "`");
            case EntityUid uid:
                if (!context.Entities.TryGet(uid, out var entity))
                {
                    return context.Fail("entity `" + uid + "` does not exist");
                }

                return entity.AttributeMap.TryGetValue(attribute, out var a)
                    ? a
                    : context.Fail("`" + uid + "` does not have the attribute `" + attribute + "`");
            default:
                return context.TypeError("Record or (entity of any type)", value);
        }
    }
}
