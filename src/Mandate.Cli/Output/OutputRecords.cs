namespace Mandate.Cli.Output;

internal sealed record ErrorOutput(string Code, string Message, string Fix);

internal sealed record InitOutput(string Home, string TrustDomain, string CaSha256, string JwtKid, string? PreviousHomeMovedTo);

internal sealed record AgentOutput(
    string Id,
    string SpiffeId,
    string Type,
    string Project,
    string Sponsor,
    string? Model,
    string? Provider,
    string? Description,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Status,
    DateTimeOffset? RevokedAt,
    string? RevocationReason,
    string? Note);

internal sealed record X509SvidOutput(string SpiffeId, string Certificate, string PrivateKey, string Bundle, string SerialNumber, DateTimeOffset ExpiresAt);

internal sealed record JwtSvidOutput(string SpiffeId, string Token, string Audience, DateTimeOffset ExpiresAt);

internal sealed record VerifyOutput(bool Valid, string Kind, string SpiffeId, DateTimeOffset ExpiresAt, IReadOnlyList<string> Audience);
