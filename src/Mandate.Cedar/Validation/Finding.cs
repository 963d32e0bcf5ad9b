using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar.Validation;

/// <summary>
/// A validation message and where it points: the expression it is about (its parsed position, 0 when unknown) and,
/// when it is about a name written in the scope, that name (looked up in the policy text when there is no position).
/// </summary>
internal readonly record struct Finding(string Message, string? Anchor, int Line, int Column)
{
    public Finding(string message, string? anchor, Expr? at)
        : this(message, anchor, at?.Line ?? 0, at?.Column ?? 0)
    {
    }
}
