using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

/// <summary>Mandates bound to an X.509-SVID, and mandates checked by Node's <c>jose</c> against the JWKS bundle.</summary>
public sealed class MandateBindingAndInteropTests
{
    [Fact]
    public async Task BoundMandate_VerifiesWithItsSvid_AndFailsWithAnother()
    {
        using var s = await MandateSession.StartAsync();
        var own = await SvidAsync(s, s.Main.Id, "own");
        var other = await SvidAsync(s, s.Sub.Id, "other");

        var bound = await s.GrantAsync(MandateSession.RootScope, "--bind", own);

        var ok = (await s.RunAsync("verify", bound.Token, "--presenter", own, "--json")).AssertSuccess();
        using (var json = JsonDocument.Parse(ok.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("bound").GetBoolean());
        }

        (await s.RunAsync("verify", bound.Token, "--presenter", other)).AssertError(1, "MDT2020");
        (await s.RunAsync("verify", bound.Token, "--presenter", s.Home.PathOf("missing.pem"))).AssertError(1, "MDT1031");
        (await s.RunAsync("verify", bound.Token)).AssertError(1, "MDT2021");
        var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(bound.Token.Split('.')[1]));
        using (payload)
        {
            Assert.True(payload.RootElement.GetProperty("cnf").TryGetProperty("x5t#S256", out _), payload.RootElement.ToString());
        }
    }

    [Fact]
    public async Task BoundChild_VerifiesOnlyWithTheSubAgentsSvid()
    {
        using var s = await MandateSession.StartAsync();
        var main = await SvidAsync(s, s.Main.Id, "main");
        var sub = await SvidAsync(s, s.Sub.Id, "sub");
        var root = await s.GrantAsync(MandateSession.RootScope, "--bind", main);

        var child = await s.DelegateAsync(root.Token, "fs:read:/src/tests/**", "--bind", sub, "--presenter", main);

        (await s.RunAsync("verify", child.Token, "--presenter", sub)).AssertSuccess();
        (await s.RunAsync("verify", child.Token, "--presenter", main)).AssertError(1, "MDT2020");
    }

    [Fact]
    public async Task BoundParent_CanBeDelegatedOnlyByItsHolder()
    {
        using var s = await MandateSession.StartAsync();
        var main = await SvidAsync(s, s.Main.Id, "main");
        var sub = await SvidAsync(s, s.Sub.Id, "sub");
        var root = await s.GrantAsync(MandateSession.RootScope, "--bind", main);

        (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**")).AssertError(1, "MDT2021");
        (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**", "--presenter", sub)).AssertError(1, "MDT2020");
        (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**", "--presenter", main)).AssertSuccess();
    }

    [Fact]
    public async Task GrantedAndDelegatedMandates_VerifyWithJose()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync(MandateSession.RootScope, "--ttl", "1h");
        var child = await s.DelegateAsync(root.Token);

        foreach (var (issued, actor) in new[] { (root, s.Main.SpiffeId), (child, s.Sub.SpiffeId) })
        {
            using var jose = await JoseAsync(s.Home, issued.Token);
            Assert.True(jose.RootElement.GetProperty("ok").GetBoolean(), jose.RootElement.ToString());
            var header = jose.RootElement.GetProperty("header");
            Assert.Equal("ES256", header.GetProperty("alg").GetString());
            Assert.Equal("mandate+jwt", header.GetProperty("typ").GetString());
            var payload = jose.RootElement.GetProperty("payload");
            Assert.Equal(issued.Jti, payload.GetProperty("jti").GetString());
            Assert.Equal(actor, payload.GetProperty("act").GetProperty("sub").GetString());
            Assert.Equal($"user:{MandateSession.Human}", payload.GetProperty("sub").GetString());
        }
    }

    [Fact]
    public async Task Jose_RejectsATamperedMandate_AndOneFromAnotherHome_AndOnePastItsExpiry()
    {
        using var s = await MandateSession.StartAsync();
        using var other = await MandateSession.StartAsync();
        var root = await s.GrantAsync(MandateSession.RootScope, "--ttl", "10m");
        var foreign = await other.GrantAsync();
        var parts = root.Token.Split('.');
        var widened = System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("/src/api/**", "/**", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(widened))}.{parts[2]}";

        using var altered = await JoseAsync(s.Home, tampered);
        using var stranger = await JoseAsync(s.Home, foreign.Token);
        using var late = await JoseAsync(s.Home, root.Token, DateTimeOffset.UtcNow.AddMinutes(20));

        Assert.Equal("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", altered.RootElement.GetProperty("code").GetString());
        Assert.Equal("ERR_JWKS_NO_MATCHING_KEY", stranger.RootElement.GetProperty("code").GetString());
        Assert.Equal("ERR_JWT_EXPIRED", late.RootElement.GetProperty("code").GetString());
        (await s.RunAsync("verify", foreign.Token)).AssertError(1, "MDT2012");
    }

    private static async Task<string> SvidAsync(MandateSession s, string agentId, string name)
    {
        var dir = s.Home.PathOf(name);
        (await s.RunAsync("svid", "x509", "--agent", agentId, "--session", name, "--out", dir)).AssertSuccess();
        return Path.Combine(dir, "svid.pem");
    }

    private static async Task<JsonDocument> JoseAsync(TempHome home, string token, DateTimeOffset? now = null)
    {
        var node = CliRunner.Node();
        var jwks = home.PathOf($"bundle-{Guid.NewGuid():N}.jwks.json");
        File.WriteAllText(jwks, (await home.RunAsync("bundle", "--format", "jwks")).AssertSuccess().Stdout);
        var tokenFile = home.PathOf($"mandate-{Guid.NewGuid():N}.jwt");
        File.WriteAllText(tokenFile, token);
        string[] args = now is { } at
            ? [Path.Combine(CliRunner.InteropDirectory, "verify-mandate.mjs"), jwks, tokenFile, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)]
            : [Path.Combine(CliRunner.InteropDirectory, "verify-mandate.mjs"), jwks, tokenFile];

        var result = await CliRunner.RunAsync(node, args, workingDirectory: CliRunner.InteropDirectory);

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout);
    }
}
