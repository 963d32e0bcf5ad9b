using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Audit;
using Mandate.Core.Home;
using Mandate.Storage.Sqlite;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// Issue 3, point 4: canary secrets, generated at test time in several formats and put into every
/// field of a record (a registered secret among them), never reach the database file (WAL
/// included), the exports or any <c>audit</c> command's output; equal secrets give equal tags.
/// </summary>
public sealed class AuditRedactionCanaryTests
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    [Fact]
    public async Task CanariesInEveryField_NeverReachTheFileTheExportsOrTheCommandOutput()
    {
        using var home = await new TempHome().InitAsync();
        var canaries = Canaries();
        var registered = canaries.Single(c => c.Format == "registered").Secret;
        byte[] hmacKey;
        var fileBytes = new List<(string What, byte[] Bytes)>();
        using (var keys = AuditKeys.LoadOrCreate(new MandateHome(home.Home), "acme.dev"))
        using (var store = SqliteStore.Open(Path.Combine(home.Home, "mandate.db"), keys))
        {
            hmacKey = keys.HmacKey.ToArray();
            store.Audit.RegisterSecret(registered);
            foreach (var (_, text, _) in canaries)
            {
                store.Audit.Append(EveryField(text));
            }

            store.Audit.AppendBatch([.. canaries.Select(c => EveryField(c.Text))]);
            fileBytes.AddRange(DatabaseFiles(home, "while open"));
        }

        fileBytes.AddRange(DatabaseFiles(home, "after close"));
        var size = 1 + (2 * canaries.Count);
        var outputs = new List<ProcessResult>
        {
            await home.RunAsync("audit", "list", "--limit", "1000"),
            await home.RunAsync("audit", "list", "--limit", "1000", "--json"),
            await home.RunAsync("audit", "tail", "--limit", "1000"),
            await home.RunAsync("audit", "tail", "--limit", "1000", "--json"),
            await home.RunAsync("audit", "export", "--format", "jsonl"),
            await home.RunAsync("audit", "export", "--format", "ocsf"),
            await home.RunAsync("audit", "verify"),
            await home.RunAsync("audit", "proof", "3"),
        };
        for (var seq = 2; seq <= size; seq++)
        {
            outputs.Add(await home.RunAsync("audit", "show", seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            outputs.Add(await home.RunAsync("audit", "show", seq.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"));
        }

        Assert.All(outputs, o => o.AssertSuccess());
        foreach (var (format, _, secret) in canaries)
        {
            foreach (var (what, bytes) in fileBytes)
            {
                Assert.False(Contains(bytes, secret), $"the {format} canary is in {what} in clear");
                Assert.False(Contains(bytes, Middle(secret)), $"part of the {format} canary is in {what} in clear");
            }

            foreach (var output in outputs)
            {
                Assert.False(output.Stdout.Contains(Middle(secret), StringComparison.Ordinal), $"the {format} canary is in the output of '{output.Command}'");
            }
        }

        // The same secret always gives the same tag, in every field and both appends (correlatable, never readable).
        var export = outputs[4].Stdout;
        var redactor = new SecretRedactor(hmacKey);
        foreach (var (format, _, secret) in canaries)
        {
            var tag = redactor.Hmac(secret);
            var times = CountOf(export, tag);
            Assert.True(times >= 2 * Fields, $"the {format} canary's tag {tag} appears {times} times in the export, expected at least {2 * Fields}");
        }
    }

    private const int Fields = 15;

    /// <summary>The text in every string field of a record: 15 places, indexed query columns included.</summary>
    private static AuditRecord EveryField(string text) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        Kind = AuditKinds.Decision,
        Event = "tool.pre " + text,
        Actor = new AuditActor("spiffe://acme.dev/agent/" + text, Session: text, AgentId: text, AgentType: text, Model: text),
        OnBehalfOf = text,
        Task = new AuditTask(text, "fix the login " + text),
        Mandate = text,
        Action = new AuditAction("Bash", "exec", "ran " + text),
        Resource = text,
        Decision = new AuditDecision("allow", ["policy0"], "because " + text),
        Credential = new AuditCredential("lease_1", "static"),
        Outcome = "exit 0: " + text,
        Details = new Dictionary<string, string?> { ["command"] = text },
    };

    /// <summary>(format, the text put in each field, the secret in it).</summary>
    private static List<(string Format, string Text, string Secret)> Canaries()
    {
        var list = new List<(string, string, string)>();
        void Token(string format, string secret) => list.Add((format, secret, secret));
        void InText(string format, string before, string secret, string after = "") => list.Add((format, before + secret + after, secret));

        Token("github", "ghp_" + Random(Alnum, 36));
        Token("aws-access-key-id", "AKIA" + Random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16));
        Token("anthropic", "sk-ant-api03-" + Random(Alnum, 93) + "AA");
        Token("openai", "sk-proj-" + Random(Alnum, 64));
        Token("gitlab", "glpat-" + Random(Alnum, 20));
        Token("slack", "xoxb-" + Random("0123456789", 12) + "-" + Random(Alnum, 24));
        Token("stripe", "sk_live_" + Random(Alnum, 24));
        Token("jwt", "eyJ" + Random(Alnum, 20) + ".eyJ" + Random(Alnum, 40) + "." + Random(Alnum, 43));
        InText("password", "mysql -h db password=", Random(Alnum, 20), " -e 'select 1'");
        InText("url-credentials", "postgres://app:", Random(Alnum, 20), "@db.internal:5432/app");
        InText("bearer", "curl -H 'Authorization: Bearer ", Random(Alnum, 40), "' https://api.acme.dev");
        Token("pem", "-----BEGIN PRIVATE KEY-----\n" + Random(Alnum, 64) + "\n-----END PRIVATE KEY-----");
        InText("registered", "echo ", Random(Alnum, 24), " > /tmp/out");
        return list;
    }

    private static IEnumerable<(string What, byte[] Bytes)> DatabaseFiles(TempHome home, string when)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            var path = Path.Combine(home.Home, "mandate.db" + suffix);
            if (File.Exists(path))
            {
                yield return ($"mandate.db{suffix} ({when})", File.ReadAllBytes(path));
            }
        }
    }

    /// <summary>16 characters from the middle of a secret: random in every format, so a partial leak shows too.</summary>
    private static string Middle(string secret) => secret.Substring((secret.Length / 2) - 8, 16);

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    private static int CountOf(string text, string needle)
    {
        var count = 0;
        for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Random(string alphabet, int length) =>
        string.Create(length, alphabet, (span, a) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = a[RandomNumberGenerator.GetInt32(a.Length)];
            }
        });
}
