namespace Mandate.Cedar.Evaluation;

/// <summary>One of the three scope constraints of a policy, checked before any condition.</summary>
internal sealed class ScopeConstraint
{
    public static readonly ScopeConstraint Any = new(ScopeKind.Any, [], null, false, false);

    public ScopeConstraint(ScopeKind kind, EntityUid[] entities, string? entityType, bool isSlot, bool isList)
    {
        Kind = kind;
        Entities = entities;
        EntityType = entityType;
        IsSlot = isSlot;
        IsList = isList;
    }

    public ScopeKind Kind { get; }

    /// <summary>The entity (or for <c>action in [..]</c> the entities) the constraint names; empty for a slot.</summary>
    public EntityUid[] Entities { get; }

    public string? EntityType { get; }

    /// <summary>The constraint refers to a template slot (<c>?principal</c> or <c>?resource</c>).</summary>
    public bool IsSlot { get; }

    /// <summary>Written as a list: <c>action in [..]</c>.</summary>
    public bool IsList { get; }

    /// <summary>The constraint with its slot replaced by <paramref name="value"/>.</summary>
    public ScopeConstraint Link(EntityUid value) => IsSlot ? new ScopeConstraint(Kind, [value], EntityType, false, false) : this;

    public bool Matches(EntityUid uid, Entities store)
    {
        switch (Kind)
        {
            case ScopeKind.Any:
                return true;
            case ScopeKind.Equal:
                return uid.Equals(Entities[0]);
            case ScopeKind.Is:
                return string.Equals(uid.Type, EntityType, StringComparison.Ordinal);
            case ScopeKind.IsIn:
                return string.Equals(uid.Type, EntityType, StringComparison.Ordinal) && IsIn(uid, store);
            default:
                return IsIn(uid, store);
        }
    }

    private bool IsIn(EntityUid uid, Entities store)
    {
        HashSet<EntityUid>? ancestors = null;
        foreach (var target in Entities)
        {
            if (uid.Equals(target))
            {
                return true;
            }

            ancestors ??= store.AncestorsOf(uid);
            if (ancestors.Contains(target))
            {
                return true;
            }
        }

        return false;
    }
}
