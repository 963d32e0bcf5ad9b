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
        Ancestors = [];
    }

    public EntityUid Uid { get; }

    public IReadOnlyDictionary<string, CedarValue> Attributes => AttributeMap;

    public IReadOnlyList<EntityUid> Parents { get; }

    public IReadOnlyDictionary<string, CedarValue> Tags => TagMap;

    /// <summary>All transitive ancestors, filled in when the entity joins an <see cref="Entities"/> store.</summary>
    internal HashSet<EntityUid> Ancestors { get; set; }

    internal Dictionary<string, CedarValue> AttributeMap { get; }

    internal Dictionary<string, CedarValue> TagMap { get; }

    /// <summary>True when <paramref name="ancestor"/> is a (transitive) parent of this entity.</summary>
    public bool IsDescendantOf(EntityUid ancestor) => Ancestors.Contains(ancestor);
}
