using Mandate.Cedar.Testing;
using Mandate.Cedar.Tests.Conformance;

namespace Mandate.Cedar.Tests.Validation;

/// <summary>The handwritten integration tests run with the real schema: data read with its guidance, policies validated.</summary>
public sealed class HandwrittenValidationTests(CorpusFixture corpus)
{
    [Fact]
    public void HandwrittenTests_WithRealSchema_PassAndValidateAsExpected()
    {
        var runner = new IntegrationTestRunner(CedarSchemaSupport.Instance, corpus.VendoredRoot);
        var failures = new List<string>();
        var checkedValidation = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(corpus.VendoredRoot, "tests"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var result = runner.Run(IntegrationTest.Load(file));
            if (result.LoadError is not null)
            {
                failures.Add(result.Test.Name + ": " + result.LoadError);
                continue;
            }

            if (result.Validation == ValidationOutcome.Mismatched)
            {
                failures.Add(result.Test.Name + ": validation gave " + (result.ValidationErrors.Count == 0 ? "no errors" : string.Join(" | ", result.ValidationErrors)));
            }

            checkedValidation += result.Validation == ValidationOutcome.Matched ? 1 : 0;
            failures.AddRange(result.Requests.Where(r => !r.Passed).Select(r => result.Test.Name + " " + r.Request.Description + ": " + r.Describe()));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedValidation > 0);
    }
}
