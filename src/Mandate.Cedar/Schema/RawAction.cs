namespace Mandate.Cedar.Schema;

/// <summary>An action declaration; <see cref="Principals"/> and the rest are null when there is no <c>appliesTo</c>.</summary>
internal sealed record RawAction(
    string Namespace,
    string Id,
    IReadOnlyList<RawActionRef> Parents,
    IReadOnlyList<string>? Principals,
    IReadOnlyList<string>? Resources,
    RawType? Context,
    int Line,
    int Column);
