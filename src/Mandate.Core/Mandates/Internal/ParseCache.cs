using System.Collections.Concurrent;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// Remembers parsed scopes and coverage answers by their canonical text: every token of a chain
/// repeats its ancestors' scopes, so verifying one mostly re-reads strings already parsed. Values
/// are immutable; the caches are bounded (cleared when full) and hold only short scopes.
/// </summary>
internal static class ParseCache
{
    private const int MaxEntries = 2048;
    private const int MaxCachedLength = 1024;

    private static readonly ConcurrentDictionary<string, Scope> Scopes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(Scope Parent, Scope Child), bool> Coverage = new();
    private static readonly ConcurrentDictionary<string, bool> SpiffeIds = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(Scope Scope, string AgentType), bool> Delegations = new();

    /// <summary>Whether <paramref name="scope"/> grants <c>agent:delegate:&lt;agentType&gt;</c>, remembered.</summary>
    public static bool AllowsDelegation(Scope scope, string agentType)
    {
        if (Delegations.TryGetValue((scope, agentType), out var allowed))
        {
            return allowed;
        }

        allowed = scope.Allows("agent", "delegate", agentType);
        if (Delegations.Count >= MaxEntries)
        {
            Delegations.Clear();
        }

        Delegations.TryAdd((scope, agentType), allowed);
        return allowed;
    }

    /// <summary>Whether <paramref name="text"/> is a valid SPIFFE ID (SPIFFE-ID spec), remembered.</summary>
    public static bool IsSpiffeId(string text)
    {
        if (SpiffeIds.TryGetValue(text, out var valid))
        {
            return valid;
        }

        valid = Identity.SpiffeId.Parse(text).IsSuccess;
        if (SpiffeIds.Count >= MaxEntries)
        {
            SpiffeIds.Clear();
        }

        SpiffeIds.TryAdd(text, valid);
        return valid;
    }

    public static Errors.Outcome<Scope> ParseScope(string text)
    {
        if (Scopes.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var parsed = Scope.Parse(text);
        if (parsed.IsSuccess && text.Length <= MaxCachedLength)
        {
            if (Scopes.Count >= MaxEntries)
            {
                Scopes.Clear();
            }

            Scopes.TryAdd(text, parsed.Value);
        }

        return parsed;
    }

    /// <summary>Whether <paramref name="parent"/> covers <paramref name="child"/>, remembered per pair of scope instances.</summary>
    public static bool Covers(Scope parent, Scope child)
    {
        if (ReferenceEquals(parent, child))
        {
            return true;
        }

        if (Coverage.TryGetValue((parent, child), out var covered))
        {
            return covered;
        }

        covered = parent.Covers(child);
        if (Coverage.Count >= MaxEntries)
        {
            Coverage.Clear();
        }

        Coverage.TryAdd((parent, child), covered);
        return covered;
    }
}
