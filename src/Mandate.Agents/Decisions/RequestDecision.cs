using Mandate.Agents.Hooks;
namespace Mandate.Agents.Decisions;

/// <summary>The decision on one derived request: the verdict, the policies that decided it, and why.</summary>
public sealed record RequestDecision(
    DerivedRequest Request,
    Verdict Verdict,
    IReadOnlyList<PolicySource> Policies,
    string Reason,
    IReadOnlyList<string> CoveredBy,
    IReadOnlyList<string> Errors);
