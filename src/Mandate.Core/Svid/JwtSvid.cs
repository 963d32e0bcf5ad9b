namespace Mandate.Core.Svid;

/// <summary>An issued JWT-SVID.</summary>
public sealed record JwtSvid(string SpiffeId, string Token, string Audience, string Jti, DateTimeOffset ExpiresAt);
