using System.Diagnostics;
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
        var casesPerBatch = ScenariosPerBatch * ScenarioGenerator.RequestsPerScenario;
        var batches = (settings.Cases + casesPerBatch - 1) / casesPerBatch;

        // One Node process per core: cedar-wasm is the slow half, so batches are spread over workers.
        var workers = (int)Math.Min(Math.Clamp(Environment.ProcessorCount, 1, 4), batches);
        var tallies = new Tally[workers];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => tallies[w] = Run(settings, w, workers, batches));
        var tally = tallies.Aggregate(new Tally(), (all, one) => all.Add(one));

        var summary = string.Create(CultureInfo.InvariantCulture, $"{tally.Cases:N0} cases (seed {settings.Seed}): {tally.Divergences} divergences; ")
            + string.Create(CultureInfo.InvariantCulture, $"{tally.Allows:N0} allow, {tally.Denies:N0} deny, {tally.WithErrors:N0} with erroring policies, {tally.Refused:N0} refused by both, {tally.LinkDecided:N0} decided by a template link; ")
            + string.Create(CultureInfo.InvariantCulture, $"time summed over {workers} workers: generator {tally.GeneratingTime.TotalSeconds:F1} s, cedar-wasm {tally.OracleTime.TotalSeconds:F1} s, Mandate {tally.MandateTime.TotalSeconds:F1} s");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        foreach (var (reason, count) in tally.RefusalReasons.OrderByDescending(r => r.Value).Take(8))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  refused {count:N0}x: {reason}"));
        }

        Assert.True(tally.Divergences == 0, summary + "\n" + tally.Report);

        // The generator must keep exercising every outcome, or agreement means little.
        Assert.True(tally.Allows * 10 > tally.Cases, "too few allows: " + summary);
        Assert.True(tally.WithErrors * 10 > tally.Cases, "too few erroring policies: " + summary);
        Assert.True(tally.Refused * 10 < tally.Cases, "too many refused inputs: " + summary);
    }

    private static Tally Run(DifferentialSettings settings, int worker, int workers, long batches)
    {
        using var oracle = CedarWasmOracle.Start();
        var tally = new Tally();
        for (long b = worker; b < batches; b += workers)
        {
            var first = b * ScenariosPerBatch;
            tally.Generating.Start();
            var batch = Enumerable.Range(0, ScenariosPerBatch)
                .Select(i => (Index: first + i, Scenario: ScenarioGenerator.Generate(DiffRandom.ScenarioSeed(settings.Seed, first + i))))
                .ToList();
            tally.Generating.Stop();
            tally.Oracle.Start();
            var expected = oracle.Ask([.. batch.Select(x => x.Scenario)]);
            tally.Oracle.Stop();
            for (var i = 0; i < batch.Count; i++)
            {
                Compare(settings, batch[i].Index, batch[i].Scenario, expected[i], tally);
            }
        }

        return tally;
    }

    private static void Compare(DifferentialSettings settings, long index, Scenario scenario, IReadOnlyList<Answer> expected, Tally tally)
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
            var key = string.Join('\n', expected[r].DivergingPolicies(actual[r]).Select(scenario.TextOf));
            if (tally.Shown.Count < DivergencesShown && tally.Shown.Add(key))
            {
                tally.Report.Append(Describe(settings, index, scenario, r, expected[r], actual[r]));
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
        foreach (var id in scenario.PolicyIds.Where(id => diverging.Count == 0 || diverging.Contains(id)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"// {id}").AppendLine(scenario.TextOf(id));
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

        public long LinkDecided { get; private set; }

        public long Divergences { get; set; }

        public HashSet<string> Shown { get; } = new(StringComparer.Ordinal);

        public Stopwatch Generating { get; } = new();

        public Stopwatch Oracle { get; } = new();

        public Stopwatch Mandate { get; } = new();

        public StringBuilder Report { get; } = new();

        public TimeSpan GeneratingTime { get; private set; }

        public TimeSpan OracleTime { get; private set; }

        public TimeSpan MandateTime { get; private set; }

        /// <summary>Adds a worker's counts into this one (times are summed over workers).</summary>
        public Tally Add(Tally other)
        {
            Cases += other.Cases;
            Allows += other.Allows;
            Denies += other.Denies;
            WithErrors += other.WithErrors;
            Refused += other.Refused;
            LinkDecided += other.LinkDecided;
            Divergences += other.Divergences;
            GeneratingTime += other.Generating.Elapsed;
            OracleTime += other.Oracle.Elapsed;
            MandateTime += other.Mandate.Elapsed;
            foreach (var (reason, count) in other.RefusalReasons)
            {
                RefusalReasons[reason] = RefusalReasons.GetValueOrDefault(reason) + count;
            }

            Report.Append(other.Report);
            return this;
        }

        /// <summary>Why cedar-wasm refused inputs (message start), to keep the generator's waste visible.</summary>
        public Dictionary<string, long> RefusalReasons { get; } = [];

        public void Count(Answer answer)
        {
            Cases++;
            Allows += answer.Decision == "allow" ? 1 : 0;
            Denies += answer.Decision == "deny" ? 1 : 0;
            WithErrors += answer.Errors.Count > 0 ? 1 : 0;
            LinkDecided += answer.Reasons.Any(r => r.StartsWith("link", StringComparison.Ordinal)) ? 1 : 0;
            if (answer.Failure is not null)
            {
                Refused++;
                var reason = answer.Failure[..Math.Min(answer.Failure.Length, 90)];
                RefusalReasons[reason] = RefusalReasons.GetValueOrDefault(reason) + 1;
            }
        }
    }
}
