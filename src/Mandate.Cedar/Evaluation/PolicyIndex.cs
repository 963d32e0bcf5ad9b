namespace Mandate.Cedar.Evaluation;

/// <summary>
/// Narrows the policies worth evaluating for a request by their scope. Each policy that names an entity in
/// its scope is filed under one of them: its principal entity if it has one, else its resource entity, else
/// its action entities. A policy naming both principal and action entities is filed under the pair, so a
/// principal's policies for other actions are not even looked at. A request then looks up its principal,
/// resource and action (and their ancestors, for <c>in</c>); policies naming no entity are always candidates. The full scope check still runs on every
/// candidate, so the index only skips policies that cannot apply. Candidates come back in policy-set order.
/// </summary>
internal sealed class PolicyIndex
{
    private readonly Policy[] _policies;
    private readonly Dictionary<EntityUid, int[]> _byPrincipal;
    private readonly Dictionary<(EntityUid Principal, EntityUid Action), int[]> _byPrincipalAction;
    private readonly Dictionary<EntityUid, int[]> _byResource;
    private readonly Dictionary<EntityUid, int[]> _byAction;
    private readonly int[] _always;

    public PolicyIndex(Policy[] policies)
    {
        _policies = policies;
        var byPrincipal = new Dictionary<EntityUid, List<int>>();
        var byPrincipalAction = new Dictionary<(EntityUid, EntityUid), List<int>>();
        var byResource = new Dictionary<EntityUid, List<int>>();
        var byAction = new Dictionary<EntityUid, List<int>>();
        var always = new List<int>();
        for (var i = 0; i < policies.Length; i++)
        {
            var policy = policies[i];
            if (NamesEntities(policy.Principal) && NamesEntities(policy.Action))
            {
                foreach (var principal in policy.Principal.Entities)
                {
                    File(byPrincipalAction, [.. policy.Action.Entities.Select(a => (principal, a))], i);
                }
            }
            else if (NamesEntities(policy.Principal))
            {
                File(byPrincipal, policy.Principal.Entities, i);
            }
            else if (NamesEntities(policy.Resource))
            {
                File(byResource, policy.Resource.Entities, i);
            }
            else if (NamesEntities(policy.Action))
            {
                File(byAction, policy.Action.Entities, i);
            }
            else
            {
                always.Add(i);
            }
        }

        _byPrincipal = Freeze(byPrincipal);
        _byPrincipalAction = Freeze(byPrincipalAction);
        _byResource = Freeze(byResource);
        _byAction = Freeze(byAction);
        _always = [.. always];
    }

    public Policy this[int index] => _policies[index];

    /// <summary>Fills <paramref name="hits"/> with the indexes of candidate policies, ascending and without repeats.</summary>
    public void Candidates(Request request, Entities entities, List<int> hits)
    {
        hits.Clear();
        if (_always.Length == _policies.Length)
        {
            for (var i = 0; i < _policies.Length; i++)
            {
                hits.Add(i);
            }

            return;
        }

        hits.AddRange(_always);
        var sources = 1;
        sources += Collect(_byPrincipal, request.Principal, entities, hits);
        sources += CollectPairs(request, entities, hits);
        sources += Collect(_byResource, request.Resource, entities, hits);
        sources += Collect(_byAction, request.Action, entities, hits);
        if (sources <= 1)
        {
            return;
        }

        hits.Sort();
        var write = 0;
        for (var read = 0; read < hits.Count; read++)
        {
            if (write == 0 || hits[read] != hits[write - 1])
            {
                hits[write++] = hits[read];
            }
        }

        hits.RemoveRange(write, hits.Count - write);
    }

    private static bool NamesEntities(ScopeConstraint scope) =>
        scope.Kind is ScopeKind.Equal or ScopeKind.In or ScopeKind.IsIn && scope.Entities.Length > 0;

    private int CollectPairs(Request request, Entities entities, List<int> hits)
    {
        if (_byPrincipalAction.Count == 0)
        {
            return 0;
        }

        var sources = 0;
        var actionAncestors = entities.AncestorsOf(request.Action);
        sources += CollectPairsFor(request.Principal, request.Action, actionAncestors, hits);
        foreach (var principal in entities.AncestorsOf(request.Principal))
        {
            sources += CollectPairsFor(principal, request.Action, actionAncestors, hits);
        }

        return sources;
    }

    private int CollectPairsFor(EntityUid principal, EntityUid action, HashSet<EntityUid> actionAncestors, List<int> hits)
    {
        var sources = 0;
        if (_byPrincipalAction.TryGetValue((principal, action), out var exact))
        {
            hits.AddRange(exact);
            sources++;
        }

        foreach (var ancestor in actionAncestors)
        {
            if (_byPrincipalAction.TryGetValue((principal, ancestor), out var viaAncestor))
            {
                hits.AddRange(viaAncestor);
                sources++;
            }
        }

        return sources;
    }

    private static void File<TKey>(Dictionary<TKey, List<int>> index, TKey[] keys, int policy)
        where TKey : notnull
    {
        foreach (var key in keys)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            if (list.Count == 0 || list[^1] != policy)
            {
                list.Add(policy);
            }
        }
    }

    private static Dictionary<TKey, int[]> Freeze<TKey>(Dictionary<TKey, List<int>> index)
        where TKey : notnull =>
        index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

    private static int Collect(Dictionary<EntityUid, int[]> index, EntityUid uid, Entities entities, List<int> hits)
    {
        if (index.Count == 0)
        {
            return 0;
        }

        var sources = 0;
        if (index.TryGetValue(uid, out var exact))
        {
            hits.AddRange(exact);
            sources++;
        }

        foreach (var ancestor in entities.AncestorsOf(uid))
        {
            if (index.TryGetValue(ancestor, out var viaAncestor))
            {
                hits.AddRange(viaAncestor);
                sources++;
            }
        }

        return sources;
    }
}
