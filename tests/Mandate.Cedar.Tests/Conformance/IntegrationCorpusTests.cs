using Mandate.Cedar.Testing;

namespace Mandate.Cedar.Tests.Conformance;

/// <summary>The official Cedar integration tests: every request's decision, reasons and errors must match.</summary>
public sealed class IntegrationCorpusTests(CorpusFixture corpus)
{
    private const int Shards = 4;

    [Fact]
    public void HandwrittenTests_AllRequestsMatch()
    {
        var files = Directory.GetFiles(Path.Combine(corpus.VendoredRoot, "tests"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        var (requests, matched, mismatches) = CorpusReport.Run(files, corpus.VendoredRoot, CedarSchemaSupport.Instance);
        TestContext.Current.TestOutputHelper?.WriteLine(CorpusReport.Summary("handwritten", requests, matched, mismatches));
        Assert.True(mismatches.Count == 0, CorpusReport.Summary("handwritten", requests, matched, mismatches));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GeneratedCorpus_AllRequestsMatch(int shard)
    {
        var files = Directory.GetFiles(Path.Combine(corpus.CorpusRoot, "corpus-tests"), "*.json")
            .Where(f => !f.EndsWith(".entities.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Where((_, i) => i % Shards == shard)
            .ToList();
        Assert.NotEmpty(files);
        var (requests, matched, mismatches) = CorpusReport.Run(files, corpus.CorpusRoot);
        var summary = CorpusReport.Summary($"generated shard {shard} ({files.Count} tests)", requests, matched, mismatches);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(mismatches.Count == 0, summary);
    }
}
