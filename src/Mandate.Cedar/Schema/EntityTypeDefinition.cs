namespace Mandate.Cedar.Schema;

/// <summary>An entity type declared by a schema, with its names fully qualified.</summary>
public sealed class EntityTypeDefinition
{
    internal EntityTypeDefinition(string name, IReadOnlyDictionary<string, AttributeType> attributes, CedarType? tags, IReadOnlyList<string> parents, IReadOnlyList<string>? enumChoices)
    {
        Name = name;
        Attributes = attributes;
        Tags = tags;
        Parents = parents;
        EnumChoices = enumChoices;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, AttributeType> Attributes { get; }

    /// <summary>The type of tag values, or null when entities of this type have no tags.</summary>
    public CedarType? Tags { get; }

    /// <summary>The entity types an entity of this type may be a direct member of.</summary>
    public IReadOnlyList<string> Parents { get; }

    /// <summary>For an enumerated entity type, the only ids its entities may have.</summary>
    public IReadOnlyList<string>? EnumChoices { get; }

    /// <summary>Every entity type that may be (transitively) a member of this type.</summary>
    public IReadOnlySet<string> Descendants => DescendantSet;

    internal HashSet<string> DescendantSet { get; } = new(StringComparer.Ordinal);

    internal CedarType AttributesRecord => field ??= CedarType.Record(Attributes);
}
