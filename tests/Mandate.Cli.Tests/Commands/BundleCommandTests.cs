using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

/// <summary><c>mandate bundle</c> against the SPIFFE Trust Domain and Bundle spec §4 (the bundle as a JWKS).</summary>
public sealed class BundleCommandTests
{
    [Fact]
    public async Task Bundle_Jwks_HasX509SvidWithX5cAndNoKid_JwtSvidWithKid_AndSpiffeSequence()
    {
        using var home = new TempHome();
        var init = (await home.RunAsync("init", "--trust-domain", "acme.dev", "--json")).AssertSuccess();
        using var initJson = JsonDocument.Parse(init.Stdout);

        var result = (await home.RunAsync("bundle", "--format", "jwks")).AssertSuccess();

        using var jwks = JsonDocument.Parse(result.Stdout);
        var root = jwks.RootElement;
        Assert.True(root.GetProperty("spiffe_sequence").GetInt64() >= 1);
        Assert.True(root.GetProperty("spiffe_refresh_hint").GetInt64() > 0);
        var keys = root.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);

        var x509 = Assert.Single(keys, k => k.GetProperty("use").GetString() == "x509-svid");
        Assert.False(x509.TryGetProperty("kid", out _));
        Assert.Equal("EC", x509.GetProperty("kty").GetString());
        Assert.Equal("P-256", x509.GetProperty("crv").GetString());
        var der = Convert.FromBase64String(Assert.Single(x509.GetProperty("x5c").EnumerateArray()).GetString()!);
        using var fromBundle = X509CertificateLoader.LoadCertificate(der);
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(home.Home, "keys", "ca.pem")));
        Assert.Equal(ca.Thumbprint, fromBundle.Thumbprint);

        var jwt = Assert.Single(keys, k => k.GetProperty("use").GetString() == "jwt-svid");
        Assert.Equal(initJson.RootElement.GetProperty("jwt_kid").GetString(), jwt.GetProperty("kid").GetString());
        Assert.Equal("EC", jwt.GetProperty("kty").GetString());
        Assert.Equal("P-256", jwt.GetProperty("crv").GetString());
        Assert.False(jwt.TryGetProperty("x5c", out _));
        Assert.All(keys, k => Assert.False(k.TryGetProperty("d", out _), "a private key member is in the bundle"));
    }

    [Fact]
    public async Task Bundle_Json_IsTheJwks()
    {
        using var home = await new TempHome().InitAsync();

        var result = (await home.RunAsync("bundle", "--json")).AssertSuccess();

        using var jwks = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, jwks.RootElement.GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task Bundle_Pem_IsTheCaCertificateOnly_AndOpensslReadsIt()
    {
        var openssl = CliRunner.OpenSsl();
        using var home = await new TempHome().InitAsync();

        var result = (await home.RunAsync("bundle")).AssertSuccess();

        Assert.Equal(File.ReadAllText(Path.Combine(home.Home, "keys", "ca.pem")).Trim(), result.Stdout.Trim());
        Assert.DoesNotContain("PRIVATE", result.Stdout, StringComparison.Ordinal);
        var pem = home.PathOf("bundle.pem");
        File.WriteAllText(pem, result.Stdout);
        var text = await CliRunner.RunAsync(openssl, ["x509", "-in", pem, "-noout", "-text"]);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("CA:TRUE", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("URI:spiffe://acme.dev\n", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bundle_UnknownFormat_IsAUsageError()
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync("bundle", "--format", "xml")).AssertError(2, "MDT0002");
    }

    [Fact]
    public async Task Verify_WithAnotherHomesBundleFile_TrustsThatBundle()
    {
        using var home = await new TempHome().InitAsync("acme.dev");
        using var other = await new TempHome().InitAsync("acme.dev");
        var agent = await other.RegisterAsync();
        var token = (await other.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", "a")).AssertSuccess().Stdout.Trim();
        var otherJwks = home.PathOf("other.jwks.json");
        File.WriteAllText(otherJwks, (await other.RunAsync("bundle", "--format", "jwks")).AssertSuccess().Stdout);

        (await home.RunAsync("svid", "verify", token)).AssertError(1, "MDT1044");
        (await home.RunAsync("svid", "verify", token, "--bundle", otherJwks)).AssertSuccess();
    }

    [Theory]
    [InlineData("{\"keys\": 5}")]
    [InlineData("{\"keys\": [{\"use\":\"jwt-svid\",\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":1,\"y\":2}]}")]
    [InlineData("{\"keys\": [{\"use\":\"jwt-svid\",\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"}]}")]
    [InlineData("{\"keys\": [{\"use\":\"x509-svid\",\"x5c\":[\"not base64!\"]}]}")]
    [InlineData("{\"keys\": [{\"use\":\"x509-svid\",\"x5c\":[7]}]}")]
    [InlineData("{ not json")]
    [InlineData("just text, no certificate")]
    public async Task Verify_WithAMalformedBundleFile_IsRefusedCleanly(string bundle)
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var token = (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", "a")).AssertSuccess().Stdout.Trim();
        var file = home.PathOf("bad-bundle");
        File.WriteAllText(file, bundle);

        (await home.RunAsync("svid", "verify", token, "--bundle", file)).AssertError(1, "MDT1031");
    }
}
