using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar.Validation;

/// <summary>A template slot (<c>?principal</c>, <c>?resource</c>) in a scope condition being typechecked; never evaluated.</summary>
internal sealed class SlotExpr(bool isPrincipal) : Expr
{
    public bool IsPrincipal { get; } = isPrincipal;

    public override int Depth => 1;

    public override CedarValue? Evaluate(EvaluationContext context) => throw new NotSupportedException("template slots are not evaluated");

    public override void Accept(IExprVisitor visitor) => throw new NotSupportedException("template slots are only typechecked");
}
