namespace Mandate.Cedar.Validation;

/// <summary>
/// A validation finding for one policy. <see cref="Line"/> and <see cref="Column"/> are 1-based and point at the
/// name the message is about (an attribute, entity type, action or function) where the policy writes it, or else
/// at the start of the policy; they are 0 when the policy text was not given.
/// </summary>
public sealed record ValidationError(string PolicyId, string Message, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{Line}:{Column}: policy `{PolicyId}`: {Message}" : $"policy `{PolicyId}`: {Message}";
}
