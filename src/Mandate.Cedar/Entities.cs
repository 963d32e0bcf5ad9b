using System.Diagnostics.CodeAnalysis;

namespace Mandate.Cedar;

/// <summary>
/// An immutable entity store. Ancestor sets are computed once (transitive closure) when the store is built,
/// so <c>in</c> is a hash lookup at evaluation time.
/// </summary>
public sealed partial class Entities
{
    public static readonly Entities Empty = new([]);

    private static readonly HashSet<EntityUid> NoAncestors = [];
    private readonly Dictionary<EntityUid, Entity> _entities;

    // Kept here, not on Entity, so one Entity object can belong to several stores with different hierarchies.
    private readonly Dictionary<EntityUid, HashSet<EntityUid>> _ancestors = [];

    private Entities(Dictionary<EntityUid, Entity> entities, long maxAncestorEntries = MaxAncestorEntries)
    {
        _entities = entities;
        ComputeAncestors(maxAncestorEntries);
    }

    public int Count => _entities.Count;

    public IEnumerable<Entity> All => _entities.Values;

    /// <summary>
    /// Builds a store; a later entity with the same id replaces an earlier one. Throws
    /// <see cref="CedarJsonException"/> when the hierarchy has a cycle or exceeds <see cref="MaxAncestorEntries"/>.
    /// </summary>
    public static Entities Create(IEnumerable<Entity> entities) => Create(entities, MaxAncestorEntries);

    internal static Entities Create(IEnumerable<Entity> entities, long maxAncestorEntries)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var map = new Dictionary<EntityUid, Entity>();
        foreach (var entity in entities)
        {
            map[entity.Uid] = entity;
        }

        return new Entities(map, maxAncestorEntries);
    }

    public bool TryGet(EntityUid uid, [NotNullWhen(true)] out Entity? entity) => _entities.TryGetValue(uid, out entity);

    /// <summary>True when <paramref name="ancestor"/> is a transitive parent of <paramref name="child"/> in this store.</summary>
    public bool IsDescendantOf(EntityUid child, EntityUid ancestor) =>
        _ancestors.TryGetValue(child, out var set) && set.Contains(ancestor);

    /// <summary>The transitive ancestors of an entity (empty when it is not in the store).</summary>
    internal HashSet<EntityUid> AncestorsOf(EntityUid uid) => _ancestors.TryGetValue(uid, out var set) ? set : NoAncestors;

    /// <summary>A new store holding these entities and <paramref name="more"/> (which win on conflicts).</summary>
    public Entities With(IEnumerable<Entity> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var map = new Dictionary<EntityUid, Entity>();
        foreach (var (uid, entity) in _entities)
        {
            map[uid] = entity;
        }

        foreach (var entity in more)
        {
            map[entity.Uid] = entity;
        }

        return new Entities(map);
    }

    /// <summary>Bounds the transitive closure (total ancestor entries) so hostile hierarchies cannot exhaust memory.</summary>
    public const int MaxAncestorEntries = 10_000_000;

    private void ComputeAncestors(long maxAncestorEntries)
    {
        // Breadth-first walk per entity; iterative so deep or cyclic hierarchies cannot overflow the stack.
        var total = 0L;
        var queue = new Queue<EntityUid>();
        foreach (var entity in _entities.Values)
        {
            var ancestors = new HashSet<EntityUid>();
            foreach (var parent in entity.Parents)
            {
                if (ancestors.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }

            while (queue.Count > 0)
            {
                var next = queue.Dequeue();
                if (_entities.TryGetValue(next, out var parentEntity))
                {
                    foreach (var grand in parentEntity.Parents)
                    {
                        if (ancestors.Add(grand))
                        {
                            queue.Enqueue(grand);
                        }
                    }
                }
            }

            if (ancestors.Contains(entity.Uid))
            {
                // Cedar requires the hierarchy to be a DAG, as the reference implementation enforces.
                throw new CedarJsonException("the entity hierarchy has a cycle through " + entity.Uid);
            }

            total += ancestors.Count;
            if (total > maxAncestorEntries)
            {
                throw new CedarJsonException($"the entity hierarchy is too large (more than {maxAncestorEntries} ancestor relations)");
            }

            _ancestors[entity.Uid] = ancestors;
        }
    }
}
