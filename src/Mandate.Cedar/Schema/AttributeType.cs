namespace Mandate.Cedar.Schema;

/// <summary>The type of a record or entity attribute, and whether it must be present.</summary>
public sealed record AttributeType(CedarType Type, bool IsRequired);
