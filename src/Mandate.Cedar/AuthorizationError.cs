namespace Mandate.Cedar;

/// <summary>A policy that could not be evaluated for a request; Cedar skips it and reports it.</summary>
public sealed record AuthorizationError(string PolicyId, string Message);
