namespace Mandate.Core.Mandates;

/// <summary>A signed mandate and the claims it carries.</summary>
public sealed record IssuedMandate(string Token, MandateClaims Claims);
