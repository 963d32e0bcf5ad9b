using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

public sealed class InitCommandTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;

    [Fact]
    public async Task Init_CreatesTheHome_WithPrivateKeysAndFolder()
    {
        using var home = new TempHome();

        var result = (await home.RunAsync("init", "--trust-domain", "acme.dev")).AssertSuccess();

        Assert.Contains("spiffe://acme.dev", result.Stdout, StringComparison.Ordinal);
        foreach (var file in new[] { "config.json", "mandate.db", "keys/ca.pem", "keys/ca.key", "keys/jwt.key" })
        {
            Assert.True(File.Exists(Path.Combine(home.Home, file)), $"{file} is missing");
        }

        Assert.Equal(PrivateDirectory, TempHome.ModeOf(home.Home));
        Assert.Equal(PrivateDirectory, TempHome.ModeOf(Path.Combine(home.Home, "keys")));
        Assert.Equal(Private, TempHome.ModeOf(Path.Combine(home.Home, "keys", "ca.key")));
        Assert.Equal(Private, TempHome.ModeOf(Path.Combine(home.Home, "keys", "jwt.key")));
        Assert.Equal(Private, TempHome.ModeOf(Path.Combine(home.Home, "mandate.db")));
        Assert.Empty(System.IO.Directory.GetFiles(home.Home, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Init_WritesAReadableConfig_WithTheDocumentedKeys()
    {
        using var home = await new TempHome().InitAsync();

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(home.Home, "config.json")));

        Assert.Equal("acme.dev", config.RootElement.GetProperty("trust_domain").GetString());
        var ttl = config.RootElement.GetProperty("ttl");
        Assert.Equal("1h", ttl.GetProperty("x509_svid").GetString());
        Assert.Equal("5m", ttl.GetProperty("jwt_svid").GetString());
        Assert.True(ttl.TryGetProperty("x509_svid_max", out _));
        Assert.True(ttl.TryGetProperty("jwt_svid_max", out _));
    }

    [Fact]
    public async Task Init_Json_PrintsTheHomeAndKeyIds()
    {
        using var home = new TempHome();

        var result = (await home.RunAsync("init", "--trust-domain", "acme.dev", "--json")).AssertSuccess();

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(home.Home, json.RootElement.GetProperty("home").GetString());
        Assert.Equal("acme.dev", json.RootElement.GetProperty("trust_domain").GetString());
        Assert.Equal(64, json.RootElement.GetProperty("ca_sha256").GetString()!.Length);
        Assert.Equal(43, json.RootElement.GetProperty("jwt_kid").GetString()!.Length);
    }

    [Fact]
    public async Task Init_ExistingHome_IsRefusedWithoutForce_AndLeftAlone()
    {
        using var home = await new TempHome().InitAsync();
        var ca = File.ReadAllText(Path.Combine(home.Home, "keys", "ca.pem"));

        (await home.RunAsync("init", "--trust-domain", "other.dev")).AssertError(1, "MDT1002");

        Assert.Equal(ca, File.ReadAllText(Path.Combine(home.Home, "keys", "ca.pem")));
    }

    [Theory]
    [InlineData("Acme.dev", "lowercase")]
    [InlineData("acme.dev:8443", "port")]
    [InlineData("jane@acme.dev", "userinfo")]
    [InlineData("spiffe://acme.dev", "spiffe://")]
    [InlineData("acme.dev/x", "path")]
    [InlineData("acme dev", "' ' is not allowed")]
    [InlineData("trüst.dev", "U+00FC")]
    public async Task Init_BadTrustDomain_IsRefusedSayingWhy(string name, string why)
    {
        using var home = new TempHome();

        var result = (await home.RunAsync("init", "--trust-domain", name)).AssertError(1, "MDT1004");

        Assert.Contains(why, result.Stderr, StringComparison.Ordinal);
        Assert.False(System.IO.Directory.Exists(home.Home));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Init_Force_MovesTheOldHomeAside(bool trailingSlash)
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var oldCa = File.ReadAllText(Path.Combine(home.Home, "keys", "ca.pem"));
        var env = new Dictionary<string, string?> { ["MANDATE_HOME"] = home.Home + (trailingSlash ? "/" : "") };

        var result = (await CliRunner.RunMandateAsync(env, "init", "--trust-domain", "other.dev", "--force", "--json")).AssertSuccess();

        using var json = JsonDocument.Parse(result.Stdout);
        var movedTo = json.RootElement.GetProperty("previous_home_moved_to").GetString()!;
        Assert.StartsWith(home.Home + ".replaced-", movedTo, StringComparison.Ordinal);
        Assert.Equal(oldCa, File.ReadAllText(Path.Combine(movedTo, "keys", "ca.pem")));
        Assert.NotEqual(oldCa, File.ReadAllText(Path.Combine(home.Home, "keys", "ca.pem")));
        (await home.RunAsync("agent", "show", agent.Id)).AssertError(1, "MDT1010");
        var list = (await CliRunner.RunMandateAsync(new Dictionary<string, string?> { ["MANDATE_HOME"] = movedTo }, "agent", "list", "--json")).AssertSuccess();
        Assert.Contains(agent.Id, list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_HomeThatIsAFile_IsRefusedWithExit1()
    {
        using var home = new TempHome();
        File.WriteAllText(home.Home, "a file");

        (await home.RunAsync("init", "--trust-domain", "acme.dev")).AssertError(1, "MDT1002");
        (await home.RunAsync("agent", "list")).AssertError(1, "MDT1001");
    }

    [Fact]
    public async Task Init_HomeOption_OverridesTheEnvironment()
    {
        using var home = new TempHome();
        var other = home.PathOf("elsewhere");

        (await home.RunAsync("init", "--trust-domain", "acme.dev", "--home", other)).AssertSuccess();

        Assert.True(File.Exists(Path.Combine(other, "config.json")));
        Assert.False(System.IO.Directory.Exists(home.Home));
    }

    [Fact]
    public async Task Init_WithoutTrustDomain_IsAUsageError()
    {
        using var home = new TempHome();

        (await home.RunAsync("init")).AssertError(2, "MDT0002");
    }
}
