using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mandate.Cli.Tests.Commands;

/// <summary>Exit codes (0 ok, 1 refused or invalid, 2 usage, 3 internal) and one-line errors with no stack trace.</summary>
public sealed class ErrorHandlingTests
{
    public static TheoryData<string[]> CommandsThatNeedAHome => new()
    {
        new[] { "agent", "list" },
        new[] { "agent", "show", "agt_0123456789abcdef" },
        new[] { "agent", "register", "--type", "claude-code", "--project", "webapp", "--sponsor", "jane@acme.dev" },
        new[] { "agent", "revoke", "agt_0123456789abcdef", "--reason", "why" },
        new[] { "svid", "jwt", "--agent", "agt_0123456789abcdef", "--audience", "a" },
        new[] { "svid", "x509", "--agent", "agt_0123456789abcdef", "--out", "OUT" },
        new[] { "svid", "verify", "a.b.c" },
        new[] { "bundle" },
        new[] { "bundle", "--format", "jwks", "--json" },
    };

    [Theory]
    [MemberData(nameof(CommandsThatNeedAHome))]
    public async Task MissingHome_IsMDT1001_AndCreatesNothing(string[] args)
    {
        using var home = new TempHome();
        args = [.. args.Select(a => a == "OUT" ? home.PathOf("out") : a)];

        var result = await home.RunAsync(args);

        if (args.Contains("--json"))
        {
            Assert.Equal(1, result.ExitCode);
            result.AssertNoStackTrace();
            Assert.Contains("\"code\":\"MDT1001\"", result.Stderr, StringComparison.Ordinal);
        }
        else
        {
            result.AssertError(1, "MDT1001");
            Assert.Contains(home.Home, result.Stderr, StringComparison.Ordinal);
            Assert.Contains("mandate init", result.Stderr, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(home.Home));
    }

    [Fact]
    public async Task JsonError_KeepsQuotesAndDashesAsTheyAre()
    {
        using var home = await new TempHome().InitAsync();

        var result = await home.RunAsync("agent", "register", "--type", "claude-code", "--project", "/tmp", "--sponsor", "jane@acme.dev", "--json");

        // JSON escapes these only for web pages; a script that reads the error, or a person, should see them as written.
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"code\":\"MDT1012\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--project '/tmp' must be 1\u2013100 characters", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u20", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("agent", "frobnicate")]
    [InlineData("agent", "list", "--no-such-option")]
    [InlineData("svid")]
    [InlineData("agent", "show")]
    public async Task UsageMistake_IsExit2(params string[] args)
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync(args)).AssertError(2, "MDT0002");
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var result = (await CliRunner.RunMandateAsync(new Dictionary<string, string?>(), "--version")).AssertSuccess();

        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout);
    }

    [Fact]
    public async Task Help_ListsTheCommandsAndTheHomeVariable()
    {
        var result = (await CliRunner.RunMandateAsync(new Dictionary<string, string?>(), "--help")).AssertSuccess();

        foreach (var command in new[] { "init", "agent", "svid", "bundle", "demo" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("MANDATE_HOME", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RunsEndToEnd()
    {
        using var home = new TempHome();

        var result = (await home.RunAsync("demo")).AssertSuccess();

        Assert.Contains("spiffe://acme.dev/agent/claude-code/webapp", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("refused (MDT1043)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("refused (MDT1011)", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home.Home), "the demo must not touch MANDATE_HOME");
    }

    [Fact]
    public async Task CorruptConfig_IsMDT1006()
    {
        using var home = await new TempHome().InitAsync();
        File.WriteAllText(Path.Combine(home.Home, "config.json"), "{ \"trust_domain\": \"acme.dev\", \"ttl\": { \"jwt_svid\": \"forever\" }, \"surprise\": 1 ");

        (await home.RunAsync("agent", "list")).AssertError(1, "MDT1006");
    }

    [Fact]
    public async Task ConfigWithBadValues_IsMDT1006_NamingEveryProblem()
    {
        using var home = await new TempHome().InitAsync();
        File.WriteAllText(
            Path.Combine(home.Home, "config.json"),
            """{ "trust_domain": "Acme.dev", "ttl": { "jwt_svid": "forever", "x509_svid": "48h" } }""");

        var result = (await home.RunAsync("agent", "list")).AssertError(1, "MDT1006");

        Assert.Contains("trust_domain", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ttl.jwt_svid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ttl.x509_svid (2d) is longer than ttl.x509_svid_max", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigRaisingTheMaximum_AllowsALongerTtl()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        File.WriteAllText(
            Path.Combine(home.Home, "config.json"),
            """{ "trust_domain": "acme.dev", "ttl": { "jwt_svid_max": "3h" } }""");

        (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", "a", "--ttl", "2h")).AssertSuccess();
        (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", "a", "--ttl", "4h")).AssertError(1, "MDT1021");
    }

    [Fact]
    public async Task CorruptKey_IsMDT1003()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        File.WriteAllText(Path.Combine(home.Home, "keys", "jwt.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        var result = (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", "a")).AssertError(1, "MDT1003");

        Assert.DoesNotContain("AAAA", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenStore_IsExit3_OneLine()
    {
        using var home = await new TempHome().InitAsync();
        File.Delete(Path.Combine(home.Home, "mandate.db"));
        Directory.CreateDirectory(Path.Combine(home.Home, "mandate.db"));

        (await home.RunAsync("agent", "list")).AssertError(3, "MDT1090");
    }

    [Fact]
    public async Task HugeTtl_IsRefused_NotAStackTrace()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", "a", "--ttl", "999999999d")).AssertError(1, "MDT1020");
    }

    [Fact]
    public async Task UnexpectedException_IsExit3_OneLine_WithoutStackTrace()
    {
        using var home = await new TempHome().InitAsync();
        // A CA certificate that is not P-256 cannot be written as a JWKS: a broken home that no check anticipates.
        using var rsa = RSA.Create(2048);
        using var cert = new CertificateRequest("CN=not-p256", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(home.Home, "keys", "ca.pem"), cert.ExportCertificatePem());

        var result = (await home.RunAsync("bundle", "--format", "jwks")).AssertError(3, "MDT0003");

        Assert.Contains("MANDATE_DEBUG", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedCertificate_IsRefused_NotAnInternalError()
    {
        using var home = await new TempHome().InitAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bad-san", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509Extension("2.5.29.17", [0x30, 0x05, 0x86], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        var file = home.PathOf("bad.pem");
        File.WriteAllText(file, cert.ExportCertificatePem());

        (await home.RunAsync("svid", "verify", file)).AssertError(1, "MDT1045");
    }
}
