namespace Mandate.Cedar.Schema;

/// <summary>An action declared by a schema: what it applies to, its context and its place in the action hierarchy.</summary>
public sealed class ActionDefinition
{
    internal ActionDefinition(EntityUid uid, bool hasAppliesTo, IReadOnlyList<string> principals, IReadOnlyList<string> resources, CedarType context, IReadOnlyList<EntityUid> parents)
    {
        Uid = uid;
        HasAppliesTo = hasAppliesTo;
        Principals = principals;
        Resources = resources;
        Context = context;
        Parents = parents;
    }

    public EntityUid Uid { get; }

    /// <summary>False when the schema declares no <c>appliesTo</c>: no request can use the action.</summary>
    public bool HasAppliesTo { get; }

    public IReadOnlyList<string> Principals { get; }

    public IReadOnlyList<string> Resources { get; }

    /// <summary>The context record type (closed; empty when not declared).</summary>
    public CedarType Context { get; }

    public IReadOnlyList<EntityUid> Parents { get; }

    /// <summary>Every action that is (transitively) a member of this action.</summary>
    public IReadOnlySet<EntityUid> Descendants => DescendantSet;

    internal HashSet<EntityUid> DescendantSet { get; } = [];
}
