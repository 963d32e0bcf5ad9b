namespace Mandate.Cedar.Tests.Differential.Regressions;

/// <summary>Divergences once found between Mandate.Cedar and cedar-wasm stay fixed.</summary>
public sealed class RegressionTests
{
    public static TheoryData<RegressionCase> Cases => [.. RegressionCases.All];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mandate_GivesCedarWasmsAnswer(RegressionCase regression)
    {
        var actual = MandateEngine.Ask(regression.Scenario)[0];

        Assert.True(regression.Expected.Agrees(actual), $"{regression.Name}: expected {regression.Expected}, Mandate said {actual}");
    }

    [Fact]
    public void CedarWasm_StillGivesTheRecordedAnswer()
    {
        using var oracle = CedarWasmOracle.Start();

        var answers = oracle.Ask([.. RegressionCases.All.Select(r => r.Scenario)]);

        for (var i = 0; i < RegressionCases.All.Length; i++)
        {
            var regression = RegressionCases.All[i];
            Assert.True(regression.Expected.Agrees(answers[i][0]), $"{regression.Name}: recorded {regression.Expected}, cedar-wasm said {answers[i][0]}");
        }
    }
}
