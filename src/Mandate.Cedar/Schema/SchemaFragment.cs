namespace Mandate.Cedar.Schema;

/// <summary>Every declaration of a schema text, in either format, before resolution.</summary>
internal sealed class SchemaFragment
{
    public List<RawEntityType> EntityTypes { get; } = [];

    public List<RawAction> Actions { get; } = [];

    public List<RawCommonType> CommonTypes { get; } = [];
}
