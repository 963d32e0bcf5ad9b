namespace Mandate.Cedar.Validation;

/// <summary>
/// A validation finding for one policy. <see cref="Line"/> and <see cref="Column"/> are 1-based and point at where
/// the expression the message is about starts (an attribute access, <c>has</c>, a call, an operator, an entity
/// literal, ...), or at the name a scope error is about, or else at the start of the policy; they are 0 when the
/// policy text was not given.
/// </summary>
public sealed record ValidationError(string PolicyId, string Message, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{Line}:{Column}: policy `{PolicyId}`: {Message}" : $"policy `{PolicyId}`: {Message}";
}
