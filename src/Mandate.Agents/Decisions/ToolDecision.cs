using Mandate.Agents.Hooks;
namespace Mandate.Agents.Decisions;

/// <summary>The decision on a whole tool call: allowed only if every derived request is; deny beats ask beats allow.</summary>
public sealed record ToolDecision(Verdict Verdict, string Reason, IReadOnlyList<RequestDecision> Requests)
{
    /// <summary>The ids of the policies behind the final verdict (those of the requests that set it).</summary>
    public IReadOnlyList<string> PolicyIds =>
        [.. Requests.Where(r => r.Verdict == Verdict).SelectMany(r => r.Policies).Select(p => p.Id).Distinct(StringComparer.Ordinal)];

    /// <summary>A decision made without evaluating anything: a failure on the way, which Mandate turns into a deny.</summary>
    public static ToolDecision Failed(string reason) => new(Verdict.Deny, reason, []);
}
