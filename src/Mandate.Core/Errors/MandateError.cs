namespace Mandate.Core.Errors;

/// <summary>
/// An expected failure: a stable code (never reused, listed in docs/errors.md), what was wrong,
/// and what to do about it. Never carries secret material.
/// </summary>
public sealed record MandateError(string Code, string Message, string Fix)
{
    public override string ToString() => $"{Code} {Message}";
}
