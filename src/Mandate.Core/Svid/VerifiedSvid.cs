namespace Mandate.Core.Svid;

/// <summary>What a successful verification proves: who, of which kind, until when.</summary>
public sealed record VerifiedSvid(string Kind, string SpiffeId, DateTimeOffset ExpiresAt, IReadOnlyList<string> Audience);
