namespace Mandate.Cedar.Evaluation;

/// <summary>
/// Narrows the policies worth evaluating for a request by their action scope: a policy naming actions
/// (<c>action == A</c>, <c>action in [A, B]</c>, <c>action in G</c>) is only a candidate when the request's
/// action is one of them or a descendant of one. Candidates come back in policy-set order.
/// </summary>
internal sealed class PolicyIndex
{
    private readonly Policy[] _policies;
    private readonly Dictionary<EntityUid, int[]> _byAction;
    private readonly int[] _anyAction;

    public PolicyIndex(Policy[] policies)
    {
        _policies = policies;
        var byAction = new Dictionary<EntityUid, List<int>>();
        var any = new List<int>();
        for (var i = 0; i < policies.Length; i++)
        {
            var action = policies[i].Action;
            if (action.Kind is ScopeKind.Equal or ScopeKind.In && action.Entities.Length > 0)
            {
                foreach (var uid in action.Entities)
                {
                    if (!byAction.TryGetValue(uid, out var list))
                    {
                        byAction[uid] = list = [];
                    }

                    if (list.Count == 0 || list[^1] != i)
                    {
                        list.Add(i);
                    }
                }
            }
            else
            {
                any.Add(i);
            }
        }

        _byAction = byAction.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _anyAction = [.. any];
    }

    public IReadOnlyList<Policy> Candidates(Request request, Entities entities)
    {
        if (_byAction.Count == 0)
        {
            return _policies;
        }

        var hits = new List<int>(_anyAction);
        var sources = 1;
        if (_byAction.TryGetValue(request.Action, out var exact))
        {
            hits.AddRange(exact);
            sources++;
        }

        if (entities.TryGet(request.Action, out var actionEntity))
        {
            foreach (var ancestor in actionEntity.Ancestors)
            {
                if (_byAction.TryGetValue(ancestor, out var viaGroup))
                {
                    hits.AddRange(viaGroup);
                    sources++;
                }
            }
        }

        if (sources > 1)
        {
            hits.Sort();
        }

        var result = new List<Policy>(hits.Count);
        var last = -1;
        foreach (var i in hits)
        {
            if (i != last)
            {
                result.Add(_policies[i]);
                last = i;
            }
        }

        return result;
    }
}
