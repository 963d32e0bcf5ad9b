namespace Mandate.Cedar.Schema;

internal sealed record RawAttribute(string Name, RawType Type, bool IsRequired);
