namespace Mandate.Cedar;

/// <summary>An entity: its id, attributes, direct parents and tags.</summary>
public sealed class Entity
{
    private static readonly Dictionary<string, CedarValue> NoValues = new(StringComparer.Ordinal);

    public Entity(
        EntityUid uid,
        IReadOnlyDictionary<string, CedarValue>? attributes = null,
        IEnumerable<EntityUid>? parents = null,
        IReadOnlyDictionary<string, CedarValue>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(uid);
        Uid = uid;
        AttributeMap = attributes is null ? NoValues : new Dictionary<string, CedarValue>(attributes, StringComparer.Ordinal);
        TagMap = tags is null ? NoValues : new Dictionary<string, CedarValue>(tags, StringComparer.Ordinal);
        Parents = parents is null ? [] : [.. parents.Distinct()];
    }

    public EntityUid Uid { get; }

    public IReadOnlyDictionary<string, CedarValue> Attributes => AttributeMap;

    public IReadOnlyList<EntityUid> Parents { get; }

    public IReadOnlyDictionary<string, CedarValue> Tags => TagMap;

    internal Dictionary<string, CedarValue> AttributeMap { get; }

    internal Dictionary<string, CedarValue> TagMap { get; }
}
