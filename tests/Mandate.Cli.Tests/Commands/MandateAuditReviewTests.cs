using System.Buffers.Text;
using System.Text;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// What the review of issue 5 found: failed verifications and refusals name the mandate, a revocation
/// that matches nothing says so, a certificate to bind to must be the agent's own, and unreadable
/// files and hostile tokens get clear messages instead of exception names or an internal error.
/// </summary>
public sealed class MandateAuditReviewTests
{
    private const string OnBehalfOf = "user:" + MandateSession.Human;

    [Fact]
    public async Task FailedVerification_OfAMandateIssuedHere_NamesHumanAgentTaskAndMandate()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync(MandateSession.RootScope, "--audience", "https://api.acme.dev");

        (await s.RunAsync("verify", root.Token, "--audience", "https://other.acme.dev")).AssertError(1, "MDT2017");

        var failure = Assert.Single(await s.AuditAsync("mandate.verify.fail"));
        Assert.Equal(OnBehalfOf, failure.GetProperty("on_behalf_of").GetString());
        Assert.Equal(root.Jti, failure.GetProperty("mandate").GetString());
        Assert.Equal(root.TaskId, failure.GetProperty("task").GetProperty("id").GetString());
        Assert.Equal(s.Main.SpiffeId, failure.GetProperty("resource").GetString());
        Assert.Equal("MDT2017", failure.GetProperty("details").GetProperty("code").GetString());
    }

    [Fact]
    public async Task FailedVerification_OfAnAlteredCopy_KeepsTheClaimedIdApartFromTheMandate()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var parts = root.Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("/src/**", "/etc/**", StringComparison.Ordinal);
        var altered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        (await s.RunAsync("verify", altered)).AssertError(1, "MDT2013");

        var failure = Assert.Single(await s.AuditAsync("mandate.verify.fail"));
        Assert.False(failure.TryGetProperty("mandate", out _), failure.ToString());
        Assert.False(failure.TryGetProperty("on_behalf_of", out _), failure.ToString());
        Assert.Equal(root.Jti, failure.GetProperty("details").GetProperty("claimed_jti").GetString());
    }

    [Fact]
    public async Task RefusedDelegation_FromARevokedParent_NamesTheParentsHumanTaskAndMandate()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        (await s.RunAsync("revoke", root.Jti, "--reason", "task done")).AssertSuccess();

        (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**")).AssertError(1, "MDT2019");

        var refusal = Assert.Single(await s.AuditAsync("mandate.delegate.refuse"));
        Assert.Equal(OnBehalfOf, refusal.GetProperty("on_behalf_of").GetString());
        Assert.Equal(root.Jti, refusal.GetProperty("mandate").GetString());
        Assert.Equal(root.TaskId, refusal.GetProperty("task").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Revoke_MatchingNothing_SaysNoMandateMatches_NotAlreadyRevoked()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();

        var task = (await s.RunAsync("revoke", "--task", "no-such-task", "--reason", "typo")).AssertSuccess();
        var both = (await s.RunAsync("revoke", root.Jti, "--human", "bob@acme.dev", "--reason", "wrong pair")).AssertSuccess();
        (await s.RunAsync("revoke", root.Jti, "--reason", "done")).AssertSuccess();
        var again = (await s.RunAsync("revoke", root.Jti, "--reason", "done")).AssertSuccess();

        Assert.Contains("no mandate matches task no-such-task", task.Stdout, StringComparison.Ordinal);
        Assert.Contains($"no mandate matches id {root.Jti} and human bob@acme.dev", both.Stdout, StringComparison.Ordinal);
        Assert.Contains("already revoked", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_ToAnotherAgentsSvid_IsRefused_ForAGrantAndADelegation()
    {
        using var s = await MandateSession.StartAsync();
        var main = await SvidAsync(s, s.Main.Id, "main");
        var sub = await SvidAsync(s, s.Sub.Id, "sub");
        var root = await s.GrantAsync();

        var grant = (await s.TryGrantAsync(null, MandateSession.RootScope, "--bind", sub)).AssertError(1, "MDT2006");
        var delegation = (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**", "--bind", main)).AssertError(1, "MDT2006");
        var ca = (await s.TryGrantAsync(null, MandateSession.RootScope, "--bind", Path.Combine(s.Home.Home, "keys", "ca.pem"))).AssertError(1, "MDT2006");

        Assert.Contains($"not an X.509-SVID of {s.Main.SpiffeId}", grant.Stderr, StringComparison.Ordinal);
        Assert.Contains($"it names {s.Sub.SpiffeId}/session/sub", grant.Stderr, StringComparison.Ordinal);
        Assert.Contains($"not an X.509-SVID of {s.Sub.SpiffeId}", delegation.Stderr, StringComparison.Ordinal);
        Assert.Contains("not an X.509-SVID", ca.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await s.AuditAsync("mandate.grant.refuse")).Count);
        Assert.Empty(await s.AuditAsync("mandate.delegate"));
    }

    [Fact]
    public async Task UnreadableCertificate_SaysWhy_WithoutAnExceptionName()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var notPem = s.Home.PathOf("notes.txt");
        File.WriteAllText(notPem, "hello");

        var missing = (await s.TryGrantAsync(null, MandateSession.RootScope, "--bind", s.Home.PathOf("missing.pem"))).AssertError(1, "MDT1031");
        var folder = (await s.RunAsync("verify", root.Token, "--presenter", Path.Combine(s.Home.Home, "keys"))).AssertError(1, "MDT1031");
        var text = (await s.RunAsync("verify", root.Token, "--presenter", notPem)).AssertError(1, "MDT1031");

        Assert.Contains("missing.pem: no such file", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("it is a folder", folder.Stderr, StringComparison.Ordinal);
        Assert.Contains("it holds no PEM certificate", text.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jti":"a","task":"not an object"}""")]
    [InlineData("""{"jti":"a","delegation_chain":["x",null,5,{"jti":7}]}""")]
    [InlineData("""{"jti":"a","jti":"b"}""")]
    [InlineData("""{"jti":"\ud800","task":{"id":"\udfff","purpose":["x"]},"constraints":{"ask":"\ud800"}}""")]
    [InlineData("""{"jti":"a","delegation_chain":{"jti":"a"},"exp":1e400,"act":[1]}""")]
    public async Task Inspect_HostileToken_ShowsWhatItCanOrRefuses_WithoutAnInternalError(string payloadJson)
    {
        using var s = await MandateSession.StartAsync();
        var header = Base64Url.EncodeToString("""{"alg":"ES256","kid":"x","typ":"mandate+jwt"}"""u8);
        var token = $"{header}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson))}.c2ln";

        foreach (var json in new[] { false, true })
        {
            string[] args = json ? ["inspect", token, "--json"] : ["inspect", token];
            var result = await s.RunAsync(args);

            result.AssertNoStackTrace();
            Assert.DoesNotContain("MDT0003", result.Stderr, StringComparison.Ordinal);
            Assert.True(result.ExitCode is 0 or 1, result.ToString());
        }
    }

    [Fact]
    public async Task Inspect_ShowsEachHopsPurpose_ForMandatesIssuedHere()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var child = await s.DelegateAsync(root.Token, "fs:read:/src/tests/**", "--purpose", "run the unit tests");

        var tree = (await s.RunAsync("inspect", child.Token)).AssertSuccess().Stdout;

        Assert.Contains("for   make CI green", tree, StringComparison.Ordinal);
        Assert.Contains("for   run the unit tests", tree, StringComparison.Ordinal);
        Assert.True(tree.IndexOf("make CI green", StringComparison.Ordinal) < tree.IndexOf("for   run the unit tests", StringComparison.Ordinal), tree);
    }

    private static async Task<string> SvidAsync(MandateSession s, string agentId, string name)
    {
        var dir = s.Home.PathOf(name);
        (await s.RunAsync("svid", "x509", "--agent", agentId, "--session", name, "--out", dir)).AssertSuccess();
        return Path.Combine(dir, "svid.pem");
    }
}
