namespace Mandate.Cedar.Tests.Differential.Regressions;

/// <summary>
/// A minimised divergence the differential tests found, fixed with cedar-wasm 4.13.0's answer: a decision with
/// reasons and erroring policy ids, or <c>Refused</c> when cedar-wasm rejects the input.
/// </summary>
public sealed record RegressionCase(string Name, string Policies, string Entities, string Request, string? Decision, string[] Reasons, string[] Errors)
{
    public const string Refused = "refused";

    internal Scenario Scenario => new(0, [Policies], Entities, [Request]);

    internal Answer Expected => Decision == Refused ? Answer.Refused("cedar-wasm refused") : new Answer(Decision, Reasons, Errors, null);

    public override string ToString() => Name;
}
