namespace Mandate.Cedar.Validation;

/// <summary>A validation message and, when it is about a name, that name (used to point at it in the policy text).</summary>
internal readonly record struct Finding(string Message, string? Anchor);
