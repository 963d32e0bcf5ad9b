namespace Mandate.Credentials.Leases;

/// <summary>The decision to issue, given to the provider: who it is for and until when. Providers name the credential after it (key id, role name, RoleSessionName).</summary>
public sealed record LeaseGrant(
    string LeaseId,
    string Actor,
    string HumanEmail,
    string TaskId,
    string MandateJti,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
