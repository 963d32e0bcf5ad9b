using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mandate.Cli.Tests.Commands;

/// <summary><c>mandate svid x509</c>, checked by the real <c>openssl</c>.</summary>
public sealed class SvidX509CommandTests
{
    [Fact]
    public async Task X509_WritesTheSvidKeyAndBundle_KeyPrivate()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var outDir = home.PathOf("out");

        var result = (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--out", outDir, "--json")).AssertSuccess();

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(agent.SpiffeId, json.RootElement.GetProperty("spiffe_id").GetString());
        Assert.Equal(Path.Combine(outDir, "svid.pem"), json.RootElement.GetProperty("certificate").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, TempHome.ModeOf(Path.Combine(outDir, "svid.key")));
        Assert.Contains("BEGIN PRIVATE KEY", File.ReadAllText(Path.Combine(outDir, "svid.key")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(home.Home, "keys", "ca.pem")).Trim(), File.ReadAllText(Path.Combine(outDir, "bundle.pem")).Trim());
        Assert.DoesNotContain("PRIVATE", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X509_OpensslVerify_AcceptsItAgainstTheBundle()
    {
        var openssl = CliRunner.OpenSsl();
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var outDir = home.PathOf("out");
        (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--out", outDir)).AssertSuccess();

        var verify = await CliRunner.RunAsync(openssl, ["verify", "-CAfile", Path.Combine(outDir, "bundle.pem"), Path.Combine(outDir, "svid.pem")]);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("svid.pem: OK", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X509_OpensslVerify_RejectsItAgainstAnotherTrustDomainsBundle()
    {
        var openssl = CliRunner.OpenSsl();
        using var home = await new TempHome().InitAsync("acme.dev");
        using var other = await new TempHome().InitAsync("other.dev");
        var agent = await home.RegisterAsync();
        var outDir = home.PathOf("out");
        (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--out", outDir)).AssertSuccess();
        var otherBundle = other.PathOf("other-bundle.pem");
        File.WriteAllText(otherBundle, (await other.RunAsync("bundle")).AssertSuccess().Stdout);

        var verify = await CliRunner.RunAsync(openssl, ["verify", "-CAfile", otherBundle, Path.Combine(outDir, "svid.pem")]);

        Assert.True(verify.ExitCode != 0, verify.ToString());
        Assert.Contains("unable to get local issuer certificate", verify.Stdout + verify.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X509_OpensslText_ShowsExactlyOneUriSan_AndTheSpiffeConstraints()
    {
        var openssl = CliRunner.OpenSsl();
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var outDir = home.PathOf("out");
        (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--session", "s-7", "--out", outDir)).AssertSuccess();

        var text = await CliRunner.RunAsync(openssl, ["x509", "-in", Path.Combine(outDir, "svid.pem"), "-noout", "-text"]);

        Assert.True(text.ExitCode == 0, text.ToString());
        var san = Regex.Match(text.Stdout, @"X509v3 Subject Alternative Name:.*\n\s*(.+)\n");
        Assert.True(san.Success, text.Stdout);
        var names = san.Groups[1].Value.Split(", ");
        Assert.Equal([$"URI:{agent.SpiffeId}/session/s-7"], names);
        Assert.Single(Regex.Matches(text.Stdout, "URI:"));
        Assert.Single(Regex.Matches(text.Stdout, "X509v3 Subject Alternative Name"));
        Assert.Matches(@"X509v3 Basic Constraints: critical\s*\n\s*CA:FALSE", text.Stdout);
        Assert.Matches(@"X509v3 Key Usage: critical\s*\n\s*Digital Signature\s*\n", text.Stdout);
        Assert.Contains("ecdsa-with-SHA256", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("NIST CURVE: P-256", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X509_Ttl_SetsTheValidity()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var outDir = home.PathOf("out");

        (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--ttl", "30m", "--out", outDir)).AssertSuccess();

        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(outDir, "svid.pem")));
        Assert.Equal(TimeSpan.FromMinutes(30), cert.NotAfter - cert.NotBefore);
    }

    [Fact]
    public async Task X509_DefaultTtl_IsOneHour()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var outDir = home.PathOf("out");

        (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--out", outDir)).AssertSuccess();

        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(outDir, "svid.pem")));
        Assert.Equal(TimeSpan.FromHours(1), cert.NotAfter - cert.NotBefore);
    }

    [Fact]
    public async Task X509_MandateSvidVerify_AcceptsItAndPrintsTheSpiffeId()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var outDir = home.PathOf("out");
        (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--out", outDir)).AssertSuccess();

        var verify = (await home.RunAsync("svid", "verify", Path.Combine(outDir, "svid.pem"), "--json")).AssertSuccess();

        using var json = JsonDocument.Parse(verify.Stdout);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("x509-svid", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(agent.SpiffeId, json.RootElement.GetProperty("spiffe_id").GetString());
    }

    [Fact]
    public async Task X509_MandateSvidVerify_RejectsAnotherTrustDomainsSvid()
    {
        using var home = await new TempHome().InitAsync("acme.dev");
        using var other = await new TempHome().InitAsync("other.dev");
        var foreign = await other.RegisterAsync();
        var outDir = other.PathOf("out");
        (await other.RunAsync("svid", "x509", "--agent", foreign.Id, "--out", outDir)).AssertSuccess();

        (await home.RunAsync("svid", "verify", Path.Combine(outDir, "svid.pem"))).AssertError(1, "MDT1044");
    }

    [Fact]
    public async Task X509_MandateSvidVerify_RejectsAnImpostorCaWithTheSameTrustDomainName()
    {
        using var home = await new TempHome().InitAsync("acme.dev");
        using var impostor = await new TempHome().InitAsync("acme.dev");
        var agent = await impostor.RegisterAsync();
        var outDir = impostor.PathOf("out");
        (await impostor.RunAsync("svid", "x509", "--agent", agent.Id, "--out", outDir)).AssertSuccess();

        var result = (await home.RunAsync("svid", "verify", Path.Combine(outDir, "svid.pem"))).AssertError(1, "MDT1044");

        Assert.Contains("does not chain", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("1h30")]
    [InlineData("-1h")]
    [InlineData("0s")]
    [InlineData("999999999d")]
    public async Task X509_MalformedTtl_IsMDT1020(string ttl)
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        // --ttl=value, so that '-1h' is read as the option's value and not as an option.
        (await home.RunAsync("svid", "x509", "--agent", agent.Id, $"--ttl={ttl}", "--out", home.PathOf("out"))).AssertError(1, "MDT1020");
    }

    [Fact]
    public async Task X509_TtlOverTheMaximum_IsMDT1021()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        var result = (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--ttl", "25h", "--out", home.PathOf("out"))).AssertError(1, "MDT1021");

        Assert.Contains("ttl.x509_svid_max", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(home.PathOf("out"), "svid.pem")));
    }

    [Fact]
    public async Task X509_UnwritableOut_IsMDT1030()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        // A path under a regular file cannot be created, whoever runs the test (root included).
        var file = home.PathOf("a-file");
        File.WriteAllText(file, "");

        var under = (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--out", Path.Combine(file, "out"))).AssertError(1, "MDT1030");
        var itself = (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--out", file)).AssertError(1, "MDT1030");

        Assert.Contains($"{file} is a file, not a folder", under.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{file} is a file, not a folder", itself.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x509", "ttl.x509_svid", "ttl.jwt_svid")]
    [InlineData("jwt", "ttl.jwt_svid", "ttl.x509_svid")]
    public async Task Help_NamesTheTtlDefaultOfItsOwnKind(string kind, string named, string notNamed)
    {
        var help = (await CliRunner.RunMandateAsync(new Dictionary<string, string?>(), "svid", kind, "--help")).AssertSuccess();

        Assert.Contains(named, help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(notNamed, help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X509_UnknownAgent_IsMDT1010()
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync("svid", "x509", "--agent", "agt_0123456789abcdef", "--out", home.PathOf("out"))).AssertError(1, "MDT1010");
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("s 1")]
    public async Task X509_InvalidSession_IsMDT1023(string session)
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--session", session, "--out", home.PathOf("out"))).AssertError(1, "MDT1023");
    }
}
