using System.Text;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// Every hand-picked probe (<see cref="Probes"/>) alone, against cedar-wasm: each probe policy, and each probe
/// condition in a permit, over a small entity store with every kind of attribute.
/// </summary>
public sealed class ProbeTests
{
    private const string Entities = """
        [{"uid":{"type":"User","id":"alice"},"attrs":{"name":"alice","level":3,"nums":[1,2],"owner":{"__entity":{"type":"User","id":"alice"}},
          "addr":{"__extn":{"fn":"ip","arg":"10.0.0.1"}}},"parents":[{"type":"Group","id":"dev"}],"tags":{"env":"prod"}},
         {"uid":{"type":"Group","id":"dev"},"attrs":{},"parents":[]},
         {"uid":{"type":"Action","id":"read"},"attrs":{"level":1},"parents":[]}]
        """;

    private const string Request = """
        {"principal":{"type":"User","id":"alice"},"action":{"type":"Action","id":"read"},"resource":{"type":"Doc","id":"d"},
         "context":{"a":{"b":1},"name":"x"}}
        """;

    [Fact]
    public void EveryProbe_AgreesWithCedarWasm()
    {
        var policies = Probes.Policies.Concat(Probes.Conditions.Select(c => "permit(principal, action, resource) when { " + c + " };")).ToList();
        var scenarios = policies.Select(p => new Scenario(0, [p], Entities, [Request])).ToList();
        using var oracle = CedarWasmOracle.Start();

        var expected = oracle.Ask(scenarios);

        var report = new StringBuilder();
        for (var i = 0; i < scenarios.Count; i++)
        {
            var actual = MandateEngine.Ask(scenarios[i])[0];
            if (!expected[i][0].Agrees(actual))
            {
                report.AppendLine(policies[i]).AppendLine("  cedar-wasm: " + expected[i][0]).AppendLine("  Mandate:    " + actual);
            }
        }

        Assert.True(report.Length == 0, "probes answered differently:\n" + report);
    }
}
