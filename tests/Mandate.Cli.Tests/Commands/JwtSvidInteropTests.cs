using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Mandate.Core.Home;
using Mandate.Core.Identity;
using Mandate.Core.Svid;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// JWT-SVIDs from <c>mandate svid jwt</c>, verified by Node's <c>jose</c> against <c>mandate bundle --format jwks</c>
/// and by <c>mandate svid verify</c>; both must accept the good token and reject the same bad ones.
/// </summary>
public sealed class JwtSvidInteropTests
{
    private const string Audience = "https://api.acme.dev";

    [Fact]
    public async Task Jwt_Valid_IsAcceptedByJose()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var token = await IssueAsync(home, agent.Id);

        using var jose = await JoseAsync(home, token, Audience);

        Assert.True(jose.RootElement.GetProperty("ok").GetBoolean(), jose.RootElement.ToString());
        var payload = jose.RootElement.GetProperty("payload");
        Assert.Equal(agent.SpiffeId, payload.GetProperty("sub").GetString());
        Assert.Equal(Audience, payload.GetProperty("aud").GetString());
        var header = jose.RootElement.GetProperty("header");
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(payload.GetProperty("exp").GetInt64() - 300, payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Jwt_Valid_IsAcceptedByMandateSvidVerify()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var token = await IssueAsync(home, agent.Id, "--session", "s1");
        var file = home.PathOf("token.jwt");
        File.WriteAllText(file, token + "\n");

        var asArgument = (await home.RunAsync("svid", "verify", token, "--audience", Audience)).AssertSuccess();
        var asFile = (await home.RunAsync("svid", "verify", file, "--audience", Audience, "--json")).AssertSuccess();

        Assert.Contains($"{agent.SpiffeId}/session/s1", asArgument.Stdout, StringComparison.Ordinal);
        Assert.Contains("expires", asArgument.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(asFile.Stdout);
        Assert.Equal("jwt-svid", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal([Audience], json.RootElement.GetProperty("audience").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Verify_ReadsTheTokenFromStdin()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var token = await IssueAsync(home, agent.Id);

        var ok = (await home.RunWithStdinAsync(token + "\n", "svid", "verify", "-", "--audience", Audience)).AssertSuccess();
        var tampered = await home.RunWithStdinAsync(token[..^4] + "AAAA\n", "svid", "verify", "-", "--audience", Audience);

        Assert.Contains(agent.SpiffeId, ok.Stdout, StringComparison.Ordinal);
        tampered.AssertError(1, "MDT1044");
    }

    [Fact]
    public async Task Jwt_Expired_IsRejectedByJoseAndMandate()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        // Issued an hour ago for five minutes, with the home's own key: the CLI cannot fake time.
        var token = Craft(home, agent.SpiffeId, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(5));

        using var jose = await JoseAsync(home, token, Audience);

        AssertJoseRejected(jose, "ERR_JWT_EXPIRED");
        (await home.RunAsync("svid", "verify", token, "--audience", Audience)).AssertError(1, "MDT1041");
    }

    [Fact]
    public async Task Jwt_FromTheCli_IsRejectedByJoseOnceItsTtlHasPassed()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var token = await IssueAsync(home, agent.Id, "--ttl", "1m");

        using var before = await JoseAsync(home, token, Audience, DateTimeOffset.UtcNow.AddSeconds(20));
        using var after = await JoseAsync(home, token, Audience, DateTimeOffset.UtcNow.AddMinutes(3));

        Assert.True(before.RootElement.GetProperty("ok").GetBoolean(), before.RootElement.ToString());
        AssertJoseRejected(after, "ERR_JWT_EXPIRED");
    }

    [Fact]
    public async Task Jwt_NotYetValid_IsRejectedByJoseAndMandate()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var token = Craft(home, agent.SpiffeId, DateTimeOffset.UtcNow.AddMinutes(30), TimeSpan.FromMinutes(5));

        // jose checks iat only with maxTokenAge; a relying party sets it to the longest TTL it accepts.
        using var jose = await JoseAsync(home, token, Audience, maxTokenAgeSeconds: 3600);

        AssertJoseRejected(jose, "ERR_JWT_CLAIM_VALIDATION_FAILED", "iat");
        (await home.RunAsync("svid", "verify", token, "--audience", Audience)).AssertError(1, "MDT1042");
    }

    [Fact]
    public async Task Jwt_FromTheCli_IsRejectedByJoseBeforeItWasIssued()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var token = await IssueAsync(home, agent.Id);

        using var jose = await JoseAsync(home, token, Audience, DateTimeOffset.UtcNow.AddMinutes(-10), maxTokenAgeSeconds: 3600);

        AssertJoseRejected(jose, "ERR_JWT_CLAIM_VALIDATION_FAILED", "iat");
    }

    [Fact]
    public async Task Jwt_WrongAudience_IsRejectedByJoseAndMandate()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var token = await IssueAsync(home, agent.Id);

        using var jose = await JoseAsync(home, token, "https://evil.example");

        AssertJoseRejected(jose, "ERR_JWT_CLAIM_VALIDATION_FAILED", "aud");
        (await home.RunAsync("svid", "verify", token, "--audience", "https://evil.example")).AssertError(1, "MDT1043");
    }

    [Fact]
    public async Task Jwt_SignedByAnotherHomesKey_IsRejectedByJoseAndMandate()
    {
        using var home = await new TempHome().InitAsync("acme.dev");
        using var other = await new TempHome().InitAsync("other.dev");
        var foreign = await other.RegisterAsync();
        var token = await IssueAsync(other, foreign.Id);

        using var jose = await JoseAsync(home, token, Audience);

        AssertJoseRejected(jose, "ERR_JWKS_NO_MATCHING_KEY");
        (await home.RunAsync("svid", "verify", token, "--audience", Audience)).AssertError(1, "MDT1044");
    }

    [Fact]
    public async Task Jwt_SignedByAnImpostorWithTheSameTrustDomainName_IsRejectedByJoseAndMandate()
    {
        using var home = await new TempHome().InitAsync("acme.dev");
        using var impostor = await new TempHome().InitAsync("acme.dev");
        var agent = await impostor.RegisterAsync();
        var token = await IssueAsync(impostor, agent.Id);

        using var jose = await JoseAsync(home, token, Audience);

        AssertJoseRejected(jose, "ERR_JWKS_NO_MATCHING_KEY");
        (await home.RunAsync("svid", "verify", token, "--audience", Audience)).AssertError(1, "MDT1044");
    }

    [Fact]
    public async Task Jwt_TamperedPayload_IsRejectedByJoseAndMandate()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();
        var parts = (await IssueAsync(home, agent.Id)).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("/webapp\"", "/admin\"", StringComparison.Ordinal);
        Assert.Contains("/admin", payload, StringComparison.Ordinal);
        var token = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        using var jose = await JoseAsync(home, token, Audience);

        AssertJoseRejected(jose, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
        (await home.RunAsync("svid", "verify", token, "--audience", Audience)).AssertError(1, "MDT1044");
    }

    [Fact]
    public async Task Jwt_Ttl_SetsExp_AndOverTheMaximumIsMDT1021()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        var result = (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", Audience, "--ttl", "10m", "--json")).AssertSuccess();
        using var json = JsonDocument.Parse(result.Stdout);
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(json.RootElement.GetProperty("token").GetString()!.Split('.')[1]));
        var claims = payload.RootElement;

        Assert.Equal(600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal(agent.SpiffeId, json.RootElement.GetProperty("spiffe_id").GetString());
        (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", Audience, "--ttl", "2h")).AssertError(1, "MDT1021");
        (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", Audience, "--ttl", "soon")).AssertError(1, "MDT1020");
    }

    [Fact]
    public async Task Jwt_WithoutAudience_IsAUsageError_AndAnEmptyOneIsRefused()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        (await home.RunAsync("svid", "jwt", "--agent", agent.Id)).AssertError(2, "MDT0002");
        (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", " ")).AssertError(1, "MDT1022");
    }

    [Fact]
    public async Task Jwt_UnknownAgent_IsMDT1010()
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync("svid", "jwt", "--agent", "spiffe://acme.dev/agent/claude-code/nobody", "--audience", Audience)).AssertError(1, "MDT1010");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.")]
    public async Task Verify_Garbage_IsRefusedWithExit1(string input)
    {
        using var home = await new TempHome().InitAsync();

        var result = await home.RunAsync("svid", "verify", input);

        Assert.Equal(1, result.ExitCode);
        result.AssertNoStackTrace();
        Assert.Matches(@"^error MDT10(31|40|44|45): ", result.Stderr);
    }

    private static async Task<string> IssueAsync(TempHome home, string agentId, params string[] extra)
    {
        var result = (await home.RunAsync(["svid", "jwt", "--agent", agentId, "--audience", Audience, .. extra])).AssertSuccess();
        var token = result.Stdout.Trim();
        Assert.Matches(@"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", token);
        return token;
    }

    /// <summary>A JWT-SVID signed with the home's own key at a chosen time, through Core's issuer and a fake clock.</summary>
    private static string Craft(TempHome home, string spiffeId, DateTimeOffset issuedAt, TimeSpan ttl)
    {
        var mandateHome = new MandateHome(home.Home);
        using var authority = Authority.Load(mandateHome, mandateHome.LoadSettings().Value).Value;
        var svid = new SvidIssuer(authority, new FakeTimeProvider(issuedAt)).IssueJwt(SpiffeId.Parse(spiffeId).Value, Audience, ttl);
        return svid.Value.Token;
    }

    private static async Task<JsonDocument> JoseAsync(
        TempHome home, string token, string audience, DateTimeOffset? currentDate = null, int? maxTokenAgeSeconds = null)
    {
        var node = CliRunner.Node();
        var jwks = home.PathOf($"bundle-{Guid.NewGuid():N}.jwks.json");
        File.WriteAllText(jwks, (await home.RunAsync("bundle", "--format", "jwks")).AssertSuccess().Stdout);
        var tokenFile = home.PathOf($"token-{Guid.NewGuid():N}.jwt");
        File.WriteAllText(tokenFile, token);

        var result = await CliRunner.RunAsync(
            node,
            [
                Path.Combine(CliRunner.InteropDirectory, "verify-jwt.mjs"),
                jwks,
                tokenFile,
                audience,
                currentDate?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                maxTokenAgeSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            ],
            workingDirectory: CliRunner.InteropDirectory);
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout);
    }

    private static void AssertJoseRejected(JsonDocument jose, string code, string? mentions = null)
    {
        var root = jose.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean(), $"jose accepted the token: {root}");
        var error = root.GetProperty("error").GetString()!;
        Assert.StartsWith(code + ":", error, StringComparison.Ordinal);
        if (mentions is not null)
        {
            Assert.Contains(mentions, error, StringComparison.Ordinal);
        }
    }
}
