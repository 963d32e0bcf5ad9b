using System.Text.Json;

namespace Mandate.Agents.Tests.Decisions;

/// <summary>One labelled tool call of Corpus/*.jsonl (format in Corpus/PROFILES.md).</summary>
internal sealed record CorpusCase(string Id, string Agent, string Profile, string Expect, string Category, string Input)
{
    public const string Project = "/home/dev/acme-api";
    public const string Home = "/home/dev";

    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> Loaded = new(Load);

    /// <summary>Secrets that appear in exfiltration attempts are made at test time, never committed.</summary>
    private static readonly string AwsKeyId = "AKIA" + Random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);

    private static readonly string AwsSecretKey = Random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 40);

    private static readonly string GitHubToken = "ghp_" + Random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36);

    public static IReadOnlyDictionary<string, CorpusCase> All => Loaded.Value;

    private static Dictionary<string, CorpusCase> Load()
    {
        var cases = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var input = root.GetProperty("input").GetRawText()
                    .Replace("$PROJECT", Project, StringComparison.Ordinal)
                    .Replace("$HOME", Home, StringComparison.Ordinal)
                    .Replace("$SECRET_AWS_KEY_ID", AwsKeyId, StringComparison.Ordinal)
                    .Replace("$SECRET_GITHUB_TOKEN", GitHubToken, StringComparison.Ordinal)
                    .Replace("$SECRET_AWS_SECRET_KEY", AwsSecretKey, StringComparison.Ordinal);
                var c = new CorpusCase(
                    root.GetProperty("id").GetString()!,
                    root.GetProperty("agent").GetString()!,
                    root.GetProperty("profile").GetString()!,
                    root.GetProperty("expect").GetString()!,
                    root.GetProperty("category").GetString()!,
                    input);
                cases.Add(c.Id, c);
            }
        }

        return cases;
    }

    private static string Random(string alphabet, int length) =>
        System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, length);
}
