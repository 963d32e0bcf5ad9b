using Mandate.Cedar.Schema;
using Mandate.Cedar.Testing;
using Mandate.Cedar.Tests.Conformance;
using Mandate.Cedar.Validation;

namespace Mandate.Cedar.Tests.Validation;

/// <summary>
/// Every corpus test's <c>shouldValidate</c> must be Cedar 4.13's answer: the corpus value (generated with
/// Cedar 4.10), except for the cases listed in <see cref="Cedar413Changes"/>, where 4.13 accepts what 4.10 rejected.
/// </summary>
public sealed class ValidationCorpusTests(CorpusFixture corpus)
{
    private const int Shards = 4;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GeneratedCorpus_ShouldValidate_MatchesCedar413(int shard)
    {
        var files = CorpusFiles().Where((_, i) => i % Shards == shard).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var mismatches = new List<string>();
        var changed = new List<string>();
        foreach (var file in files)
        {
            var id = Path.GetFileNameWithoutExtension(file);
            var (corpusAnswer, result) = Run(file);
            var expected = corpusAnswer || Cedar413Changes.Ids.Contains(id);
            if (expected != result.IsValid)
            {
                mismatches.Add($"{id}: expected {(expected ? "valid" : "invalid")}, got {(result.IsValid ? "valid" : "invalid")} {string.Join(" | ", result.Errors.Take(3))}");
            }

            // Cedar 4.10 also rejected a policy that applies to no action; with that rule the corpus answer is
            // reproduced exactly, and the listed cases are exactly those this rule decides.
            var valid410 = result.IsValid && !result.Warnings.Any(w => w.Message.StartsWith("unable to find an applicable action", StringComparison.Ordinal));
            if (valid410 != corpusAnswer)
            {
                mismatches.Add($"{id}: under Cedar 4.10 rules expected {corpusAnswer}, got {valid410}");
            }

            if (valid410 != result.IsValid)
            {
                changed.Add(id);
            }
        }

        var listed = files.Select(Path.GetFileNameWithoutExtension).Where(id => Cedar413Changes.Ids.Contains(id!)).Order(StringComparer.Ordinal);
        var summary = $"shard {shard}: {files.Count - mismatches.Count} of {files.Count} match Cedar 4.13 ({changed.Count} differ from 4.10) in {clock.ElapsedMilliseconds} ms" + Environment.NewLine
            + string.Join(Environment.NewLine, mismatches.Take(40));
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(mismatches.Count == 0, summary);
        Assert.Equal(listed, changed.Order(StringComparer.Ordinal));
    }

    private IEnumerable<string> CorpusFiles() =>
        Directory.GetFiles(Path.Combine(corpus.CorpusRoot, "corpus-tests"), "*.json")
            .Where(f => !f.EndsWith(".entities.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private (bool CorpusAnswer, ValidationResult Result) Run(string file)
    {
        var test = IntegrationTest.Load(file);
        var policyText = File.ReadAllText(test.ResolveFile(test.PoliciesFile, corpus.CorpusRoot));
        var policies = PolicySet.Parse(policyText);
        var schema = CedarSchema.Parse(File.ReadAllText(test.ResolveFile(test.SchemaFile!, corpus.CorpusRoot)));
        return (test.ShouldValidate!.Value, Validator.Validate(policies, schema, policyText));
    }
}
