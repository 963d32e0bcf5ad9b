namespace Mandate.Cedar.Evaluation;

/// <summary><c>e is T</c>, or <c>e is T in x</c> meaning <c>(e is T) &amp;&amp; (e in x)</c>.</summary>
internal sealed class IsExpr(Expr target, string entityType, Expr? inExpr) : Expr
{
    public Expr Target { get; } = target;

    public string EntityType { get; } = entityType;

    public Expr? InExpr { get; } = inExpr;

    public override int Depth { get; } = Math.Max(target.Depth, inExpr?.Depth ?? 0) + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        var value = Target.Evaluate(context);
        if (value is null)
        {
            return null;
        }

        if (value is not EntityUid uid)
        {
            return context.TypeError("(entity of any type)", value);
        }

        if (!string.Equals(uid.Type, EntityType, StringComparison.Ordinal))
        {
            return BoolValue.False;
        }

        if (InExpr is null)
        {
            return BoolValue.True;
        }

        var ancestor = InExpr.Evaluate(context);
        if (ancestor is null)
        {
            return null;
        }

        return BinaryExpr.In(context, uid, ancestor);
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
