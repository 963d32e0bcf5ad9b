using System.Globalization;
using System.Text;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// Differential testing against the reference implementation (@cedar-policy/cedar-wasm 4.13.0 under Node): seeded
/// random scenarios must get the same decision, determining policies and erroring policies from both engines.
/// Longer run: <c>MANDATE_CEDAR_DIFF_CASES=1000000 MANDATE_CEDAR_DIFF_SEED=7 dotnet test … --filter-class
/// *DifferentialTests</c> (see docs/conformance.md).
/// </summary>
public sealed class DifferentialTests
{
    private const int ScenariosPerBatch = 64;
    private const int DivergencesShown = 10;

    [Fact]
    public void GeneratedCases_AgreeWithCedarWasm()
    {
        var settings = DifferentialSettings.FromEnvironment();
        using var oracle = CedarWasmOracle.Start();
        var tally = new Tally();
        var report = new StringBuilder();
        for (long index = 0; tally.Cases < settings.Cases; index += ScenariosPerBatch)
        {
            tally.Generating.Start();
            var batch = Enumerable.Range(0, ScenariosPerBatch)
                .Select(i => (Index: index + i, Scenario: ScenarioGenerator.Generate(DiffRandom.ScenarioSeed(settings.Seed, index + i))))
                .ToList();
            tally.Generating.Stop();
            tally.Oracle.Start();
            var expected = oracle.Ask([.. batch.Select(b => b.Scenario)]);
            tally.Oracle.Stop();
            for (var i = 0; i < batch.Count; i++)
            {
                Compare(settings, batch[i].Index, batch[i].Scenario, expected[i], tally, report);
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"{tally.Cases:N0} cases (seed {settings.Seed}): {tally.Divergences} divergences; ")
            + string.Create(CultureInfo.InvariantCulture, $"{tally.Allows:N0} allow, {tally.Denies:N0} deny, {tally.WithErrors:N0} with erroring policies, {tally.Refused:N0} refused by both; ")
            + string.Create(CultureInfo.InvariantCulture, $"time: generator {tally.Generating.Elapsed.TotalSeconds:F1} s, cedar-wasm {tally.Oracle.Elapsed.TotalSeconds:F1} s, Mandate {tally.Mandate.Elapsed.TotalSeconds:F1} s");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        foreach (var (reason, count) in tally.RefusalReasons.OrderByDescending(r => r.Value).Take(8))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  refused {count:N0}x: {reason}"));
        }
        Assert.True(tally.Divergences == 0, summary + "\n" + report);

        // The generator must keep exercising every outcome, or agreement means little.
        Assert.True(tally.Allows * 10 > tally.Cases, "too few allows: " + summary);
        Assert.True(tally.WithErrors * 10 > tally.Cases, "too few erroring policies: " + summary);
        Assert.True(tally.Refused * 10 < tally.Cases, "too many refused inputs: " + summary);
    }

    private static void Compare(DifferentialSettings settings, long index, Scenario scenario, IReadOnlyList<Answer> expected, Tally tally, StringBuilder report)
    {
        tally.Mandate.Start();
        var actual = MandateEngine.Ask(scenario);
        tally.Mandate.Stop();
        for (var r = 0; r < scenario.Requests.Count; r++)
        {
            tally.Count(expected[r]);
            if (expected[r].Agrees(actual[r]))
            {
                continue;
            }

            // One report per distinct diverging policy text: a single bug tends to diverge many times.
            tally.Divergences++;
            var key = string.Join('\n', expected[r].DivergingPolicies(actual[r]).Select(id => scenario.PolicyTexts[int.Parse(id.AsSpan(6), CultureInfo.InvariantCulture)]));
            if (tally.Shown.Count < DivergencesShown && tally.Shown.Add(key))
            {
                report.Append(Describe(settings, index, scenario, r, expected[r], actual[r]));
            }
        }
    }

    /// <summary>A divergence with what reproduces it; only the policies whose outcome differs are shown.</summary>
    private static string Describe(DifferentialSettings settings, long index, Scenario scenario, int request, Answer expected, Answer actual)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"--- divergence: run seed {settings.Seed}, scenario {index} (scenario seed {scenario.Seed}), request {request}")
            .AppendLine(CultureInfo.InvariantCulture, $"cedar-wasm: {expected}")
            .AppendLine(CultureInfo.InvariantCulture, $"Mandate:    {actual}");
        var diverging = expected.DivergingPolicies(actual).ToList();
        for (var p = 0; p < scenario.PolicyTexts.Count; p++)
        {
            var id = "policy" + p.ToString(CultureInfo.InvariantCulture);
            if (diverging.Count == 0 || diverging.Contains(id))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"// {id}").AppendLine(scenario.PolicyTexts[p]);
            }
        }

        return text.AppendLine("entities: " + scenario.EntitiesJson).AppendLine("request: " + scenario.Requests[request]).ToString();
    }

    private sealed class Tally
    {
        public long Cases { get; private set; }

        public long Allows { get; private set; }

        public long Denies { get; private set; }

        public long WithErrors { get; private set; }

        public long Refused { get; private set; }

        public long Divergences { get; set; }

        public HashSet<string> Shown { get; } = new(StringComparer.Ordinal);

        public System.Diagnostics.Stopwatch Generating { get; } = new();

        public System.Diagnostics.Stopwatch Oracle { get; } = new();

        public System.Diagnostics.Stopwatch Mandate { get; } = new();

        /// <summary>Why cedar-wasm refused inputs (message start), to keep the generator's waste visible.</summary>
        public Dictionary<string, long> RefusalReasons { get; } = [];

        public void Count(Answer answer)
        {
            Cases++;
            Allows += answer.Decision == "allow" ? 1 : 0;
            Denies += answer.Decision == "deny" ? 1 : 0;
            WithErrors += answer.Errors.Count > 0 ? 1 : 0;
            if (answer.Failure is not null)
            {
                Refused++;
                var reason = answer.Failure[..Math.Min(answer.Failure.Length, 90)];
                RefusalReasons[reason] = RefusalReasons.GetValueOrDefault(reason) + 1;
            }
        }
    }
}
