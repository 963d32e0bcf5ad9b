using System.Text;
using Mandate.Cedar.Testing;

namespace Mandate.Cedar.Tests.Conformance;

/// <summary>Runs a batch of integration tests and summarises the mismatches.</summary>
internal static class CorpusReport
{
    public static (int Requests, int Matched, List<string> Mismatches) Run(IEnumerable<string> testFiles, string currentDirectory, ISchemaSupport? schema = null)
    {
        var runner = new IntegrationTestRunner(schema, currentDirectory);
        var requests = 0;
        var matched = 0;
        var mismatches = new List<string>();
        foreach (var file in testFiles)
        {
            var test = IntegrationTest.Load(file);
            var result = runner.Run(test);
            if (result.LoadError is not null)
            {
                requests += test.Requests.Count;
                mismatches.Add($"{test.Name}: could not load: {result.LoadError}");
                continue;
            }

            foreach (var outcome in result.Requests)
            {
                requests++;
                if (outcome.Passed)
                {
                    matched++;
                }
                else
                {
                    mismatches.Add($"{test.Name} \"{outcome.Request.Description}\": {outcome.Describe()}");
                }
            }
        }

        return (requests, matched, mismatches);
    }

    public static string Summary(string label, int requests, int matched, List<string> mismatches)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{label}: {matched} of {requests} requests match");
        foreach (var m in mismatches.Take(20))
        {
            sb.AppendLine("  " + m);
        }

        if (mismatches.Count > 20)
        {
            sb.AppendLine($"  ... and {mismatches.Count - 20} more");
        }

        return sb.ToString();
    }
}
