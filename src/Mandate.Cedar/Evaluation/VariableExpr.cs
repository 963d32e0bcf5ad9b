namespace Mandate.Cedar.Evaluation;

internal sealed class VariableExpr(Variable variable) : Expr
{
    public Variable Variable { get; } = variable;

    public override int Depth => 1;

    public override CedarValue? Evaluate(EvaluationContext context) => Variable switch
    {
        Variable.Principal => context.Principal,
        Variable.Action => context.Action,
        Variable.Resource => context.Resource,
        _ => context.Context,
    };

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
