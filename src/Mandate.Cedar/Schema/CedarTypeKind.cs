namespace Mandate.Cedar.Schema;

/// <summary>The shape of a <see cref="CedarType"/>.</summary>
public enum CedarTypeKind
{
    /// <summary>The bottom type (the element type of an empty set); a subtype of every type.</summary>
    Never,
    Bool,
    True,
    False,
    Long,
    String,
    Entity,
    AnyEntity,
    Set,
    Record,
    Extension,
}
