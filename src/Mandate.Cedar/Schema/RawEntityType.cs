namespace Mandate.Cedar.Schema;

/// <summary>An entity type declaration in namespace <see cref="Namespace"/> (empty for the empty namespace).</summary>
internal sealed record RawEntityType(
    string Namespace,
    string Name,
    IReadOnlyList<string> Parents,
    RawType? Attributes,
    RawType? Tags,
    IReadOnlyList<string>? EnumChoices,
    int Line,
    int Column);
