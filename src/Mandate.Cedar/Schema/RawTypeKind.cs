namespace Mandate.Cedar.Schema;

internal enum RawTypeKind
{
    /// <summary>A name to resolve: a common type, an entity type or a builtin.</summary>
    Name,

    /// <summary>A name that must resolve to an entity type (JSON <c>"type": "Entity"</c>).</summary>
    EntityName,

    /// <summary>A name that must be an extension type (JSON <c>"type": "Extension"</c>).</summary>
    ExtensionName,
    Long,
    String,
    Bool,
    Set,
    Record,
}
