namespace Mandate.Agents.Hooks;

/// <summary>A verdict's wire and audit name (<c>allow</c>, <c>ask</c>, <c>deny</c>), and its strength when verdicts combine.</summary>
public static class Verdicts
{
    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Allow => "allow",
        Verdict.Ask => "ask",
        _ => "deny",
    };

    /// <summary>Deny beats ask beats allow.</summary>
    public static int Strength(Verdict verdict) => verdict switch
    {
        Verdict.Allow => 0,
        Verdict.Ask => 1,
        _ => 2,
    };
}
