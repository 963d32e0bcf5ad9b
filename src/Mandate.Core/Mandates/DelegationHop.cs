namespace Mandate.Core.Mandates;

/// <summary>
/// One entry of <c>delegation_chain</c>: who passed which scope to whom, when, until when, under
/// which token id. The first hop is the human's grant (delegator <c>user:&lt;email&gt;</c>); the last
/// describes the token that carries the chain.
/// </summary>
public sealed record DelegationHop(string Delegator, string Delegatee, Scope Scope, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Jti);
