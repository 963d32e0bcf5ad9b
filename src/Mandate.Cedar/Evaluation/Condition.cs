namespace Mandate.Cedar.Evaluation;

/// <summary>A <c>when { .. }</c> or <c>unless { .. }</c> clause.</summary>
internal sealed record Condition(bool IsWhen, Expr Body);
