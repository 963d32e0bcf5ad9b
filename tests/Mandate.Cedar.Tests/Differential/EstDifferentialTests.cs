using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// The policy JSON format (EST) against cedar-wasm 4.13.0, on generated policies and templates (the differential
/// generator's, from the same seed, <c>MANDATE_CEDAR_DIFF_SEED</c>; one scenario per ten differential cases,
/// <c>MANDATE_CEDAR_DIFF_CASES</c>, so 1,000 by default) and every probe: Mandate's export must equal
/// cedar-wasm's <c>policyToJson</c> up to the two representation choices in docs/conformance.md, Mandate's import of
/// cedar-wasm's EST must give the policy back, and cedar-wasm must read Mandate's EST as the same policy.
/// </summary>
public sealed class EstDifferentialTests
{
    private const int BatchSize = 500;
    private const int DisagreementsShown = 10;

    [Fact]
    public void GeneratedPolicies_HaveTheSameEstInBothEngines_BothWays()
    {
        var settings = DifferentialSettings.FromEnvironment();
        var seed = settings.Seed;
        var policies = Policies(seed, Math.Max(1, settings.Cases / 10));
        int compared = 0, refusedByBoth = 0, unsafeIntegers = 0, disagreements = 0;
        var report = new StringBuilder();
        var (mandateTime, oracleTime) = (new Stopwatch(), new Stopwatch());
        using var oracle = CedarWasmOracle.Start();
        foreach (var batch in policies.Chunk(BatchSize))
        {
            mandateTime.Start();
            var exported = batch.Select(p => EstComparison.Export(p.Text)).ToList();
            var skip = exported.Select(e => e.Est is not null && EstComparison.HasUnsafeInteger(e.Est)).ToList();
            mandateTime.Stop();
            oracleTime.Start();
            var answers = oracle.AskEst([.. batch.Select((p, i) => (p.Text, p.Template, skip[i] ? null : exported[i].Est))]);
            oracleTime.Stop();
            mandateTime.Start();
            for (var i = 0; i < batch.Length; i++)
            {
                if (skip[i])
                {
                    unsafeIntegers++;
                    continue;
                }

                var (policy, est, refusal) = exported[i];
                var disagreement = EstComparison.Disagreement(policy, est, refusal, answers[i]);
                if (disagreement is not null)
                {
                    if (++disagreements <= DisagreementsShown)
                    {
                        report.AppendLine("--- " + batch[i].Text).AppendLine(disagreement);
                    }
                }
                else if (policy is null)
                {
                    refusedByBoth++;
                }
                else
                {
                    compared++;
                }
            }

            mandateTime.Stop();
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"{policies.Count:N0} policies (seed {seed}): {compared:N0} agree, {refusedByBoth:N0} refused by both, {unsafeIntegers:N0} not compared (integers beyond ±2^53), {disagreements} disagree; cedar-wasm {oracleTime.Elapsed.TotalSeconds:F1} s, Mandate and the comparison {mandateTime.Elapsed.TotalSeconds:F1} s");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(disagreements == 0, summary + "\n" + report);
        Assert.True(compared * 10 > policies.Count * 8, "too few policies compared: " + summary);
    }

    [Theory]
    // Same shape, different values: a wildcard moved, an attribute renamed, an effect, an operator, a slot.
    [InlineData("permit(principal, action, resource) when { resource.name like \"a*\" };", "permit(principal, action, resource) when { resource.name like \"*a\" };")]
    [InlineData("permit(principal, action, resource) when { resource.name == \"a\" };", "permit(principal, action, resource) when { resource.nom == \"a\" };")]
    [InlineData("permit(principal, action in [Action::\"a\"], resource);", "forbid(principal, action in [Action::\"a\"], resource);")]
    [InlineData("permit(principal, action, resource) when { 1 < 2 };", "permit(principal, action, resource) when { 1 <= 2 };")]
    [InlineData("permit(principal == ?principal, action, resource);", "permit(principal in ?principal, action, resource);")]
    public void ADifferentPolicy_IsADisagreement(string cedarText, string mandateText)
    {
        var template = cedarText.Contains('?', StringComparison.Ordinal);
        var (policy, est, refusal) = EstComparison.Export(mandateText);
        using var oracle = CedarWasmOracle.Start();
        var answer = oracle.AskEst([(cedarText, template, est)])[0];

        Assert.NotNull(answer.Json);
        Assert.NotNull(EstComparison.Disagreement(policy, est, refusal, answer));
    }

    [Fact]
    public void Canonical_ForgivesOnlyTheTwoDocumentedRepresentationChoices()
    {
        const string Scope = "\"effect\":\"permit\",\"principal\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"}";
        const string Like = ",\"conditions\":[{\"kind\":\"when\",\"body\":{\"like\":{\"left\":{\"Var\":\"context\"},\"pattern\":";
        Assert.Equal(
            EstComparison.Canonical("{" + Scope + ",\"action\":{\"op\":\"in\",\"entity\":{\"type\":\"Action\",\"id\":\"a\"}}" + Like + "[{\"Literal\":\"a\"},{\"Literal\":\"b\"},\"Wildcard\"]}}}]}"),
            EstComparison.Canonical("{\"action\":{\"op\":\"in\",\"entities\":[{\"type\":\"Action\",\"id\":\"a\"}]}," + Scope + Like + "[{\"Literal\":\"ab\"},\"Wildcard\"]}}}]}"));
        Assert.NotEqual(
            EstComparison.Canonical("{" + Scope + ",\"action\":{\"op\":\"==\",\"entity\":{\"type\":\"Action\",\"id\":\"a\"}}}"),
            EstComparison.Canonical("{" + Scope + ",\"action\":{\"op\":\"in\",\"entities\":[{\"type\":\"Action\",\"id\":\"a\"}]}}"));
        Assert.NotEqual(
            EstComparison.Canonical("{" + Scope + ",\"action\":{\"op\":\"All\"}" + Like + "[{\"Literal\":\"a\"},\"Wildcard\",{\"Literal\":\"b\"}]}}}]}"),
            EstComparison.Canonical("{" + Scope + ",\"action\":{\"op\":\"All\"}" + Like + "[{\"Literal\":\"ab\"},\"Wildcard\"]}}}]}"));
    }

    /// <summary>Every static policy and template of the generated scenarios, then every probe.</summary>
    private static List<(string Text, bool Template)> Policies(ulong seed, long scenarios)
    {
        var policies = new List<(string, bool)>();
        for (long i = 0; i < scenarios; i++)
        {
            var scenario = ScenarioGenerator.Generate(DiffRandom.ScenarioSeed(seed, i));
            policies.AddRange(scenario.PolicyTexts.Select(p => (p, false)));
            policies.AddRange(scenario.TemplateTexts.Select(t => (t, true)));
        }

        policies.AddRange(Probes.Policies.Select(p => (p, false)));
        policies.AddRange(Probes.Conditions.Select(c => ("permit(principal, action, resource) when { " + c + " };", false)));
        return policies;
    }
}
