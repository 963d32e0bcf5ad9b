namespace Mandate.Agents.Runtime;

/// <summary>What a decision needs of a mandate Mandate itself granted and verified at SessionStart.</summary>
public sealed record VerifiedMandate(string Jti, string Scope, string Ask, string Human, string TaskId, string Purpose, DateTimeOffset ExpiresAt);
