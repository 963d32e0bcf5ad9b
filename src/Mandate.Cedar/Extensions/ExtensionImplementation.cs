namespace Mandate.Cedar.Extensions;

/// <summary>Computes an extension function; on failure returns null and sets <paramref name="error"/>.</summary>
internal delegate CedarValue? ExtensionImplementation(ReadOnlySpan<CedarValue> args, out string? error);
