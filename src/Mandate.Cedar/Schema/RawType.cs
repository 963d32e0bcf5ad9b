namespace Mandate.Cedar.Schema;

/// <summary>A type as written in a schema, before names are resolved.</summary>
internal sealed record RawType(RawTypeKind Kind, string? Name, RawType? Element, IReadOnlyList<RawAttribute>? Attributes, int Line, int Column);
