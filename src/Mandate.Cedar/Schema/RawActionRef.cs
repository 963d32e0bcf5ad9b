namespace Mandate.Cedar.Schema;

/// <summary>A reference to an action: <c>"view"</c> (type omitted) or <c>NS::Action::"view"</c>.</summary>
internal sealed record RawActionRef(string? Type, string Id, int Line, int Column);
