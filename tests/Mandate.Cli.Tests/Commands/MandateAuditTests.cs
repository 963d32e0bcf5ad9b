using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

/// <summary>Each grant, delegation, refusal, failed verification and revocation is in <c>mandate audit list --json</c>, naming human, agent, task and mandate.</summary>
public sealed class MandateAuditTests
{
    private const string OnBehalfOf = "user:" + MandateSession.Human;

    [Fact]
    public async Task GrantAndDelegate_AreAudited_NamingHumanAgentTaskAndMandate()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var child = await s.DelegateAsync(root.Token);

        var grant = Assert.Single(await s.AuditAsync("mandate.grant"));
        var delegation = Assert.Single(await s.AuditAsync("mandate.delegate"));

        AssertNames(grant, root.Jti, root.TaskId, s.Main.SpiffeId, "issued");
        Assert.Equal("make CI green", grant.GetProperty("task").GetProperty("purpose").GetString());
        Assert.Equal(MandateSession.RootScope, grant.GetProperty("details").GetProperty("scope").GetString());
        Assert.Equal("Fix flaky tests", grant.GetProperty("details").GetProperty("title").GetString());
        AssertNames(delegation, child.Jti, root.TaskId, s.Sub.SpiffeId, "issued");
        Assert.Equal(root.Jti, delegation.GetProperty("details").GetProperty("parent").GetString());
        Assert.Equal("1", delegation.GetProperty("details").GetProperty("depth").GetString());
    }

    [Fact]
    public async Task RefusedGrant_IsAudited_NamingHumanAgentAndTheCode()
    {
        using var s = await MandateSession.StartAsync();

        (await s.TryGrantAsync(scope: "fs:delete:/src")).AssertError(1, "MDT2002");

        var refusal = Assert.Single(await s.AuditAsync("mandate.grant.refuse"));
        Assert.Equal(OnBehalfOf, refusal.GetProperty("on_behalf_of").GetString());
        Assert.Equal("refused", refusal.GetProperty("outcome").GetString());
        Assert.Contains(refusal.GetProperty("resource").GetString(), new[] { s.Main.Id, s.Main.SpiffeId });
        Assert.Equal("MDT2002", refusal.GetProperty("details").GetProperty("code").GetString());
        Assert.Equal("Fix flaky tests", refusal.GetProperty("details").GetProperty("title").GetString());
        Assert.Empty(await s.AuditAsync("mandate.grant"));
    }

    [Fact]
    public async Task RefusedDelegation_IsAudited_NamingTheParentMandateAndTask()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();

        (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:write:/etc/**")).AssertError(1, "MDT2001");

        var refusal = Assert.Single(await s.AuditAsync("mandate.delegate.refuse"));
        Assert.Equal(OnBehalfOf, refusal.GetProperty("on_behalf_of").GetString());
        Assert.Equal(root.Jti, refusal.GetProperty("mandate").GetString());
        Assert.Equal(root.TaskId, refusal.GetProperty("task").GetProperty("id").GetString());
        Assert.Contains(refusal.GetProperty("resource").GetString(), new[] { s.Sub.Id, s.Sub.SpiffeId });
        Assert.Equal("refused", refusal.GetProperty("outcome").GetString());
        Assert.Equal("MDT2001", refusal.GetProperty("details").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Revocation_IsAudited_ForEveryMandateInTheCascade_WithTheReason()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var child = await s.DelegateAsync(root.Token);

        (await s.RunAsync("revoke", root.Jti, "--reason", "task done")).AssertSuccess();

        var revocations = (await s.AuditAsync("mandate.revoke")).ToDictionary(r => r.GetProperty("mandate").GetString()!);
        Assert.Equal(new[] { root.Jti, child.Jti }.Order(StringComparer.Ordinal), revocations.Keys.Order(StringComparer.Ordinal));
        AssertNames(revocations[root.Jti], root.Jti, root.TaskId, s.Main.SpiffeId, "revoked");
        AssertNames(revocations[child.Jti], child.Jti, root.TaskId, s.Sub.SpiffeId, "revoked");
        Assert.All(revocations.Values, r => Assert.Equal("task done", r.GetProperty("details").GetProperty("reason").GetString()));
        Assert.Equal(root.Jti, revocations[child.Jti].GetProperty("details").GetProperty("parent").GetString());
    }

    [Fact]
    public async Task FailedVerification_IsAudited_WithTheCode()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        (await s.RunAsync("revoke", root.Jti, "--reason", "task done")).AssertSuccess();

        (await s.RunAsync("verify", root.Token)).AssertError(1, "MDT2019");

        var failure = Assert.Single(await s.AuditAsync("mandate.verify.fail"));
        Assert.Equal("rejected", failure.GetProperty("outcome").GetString());
        Assert.Equal("MDT2019", failure.GetProperty("details").GetProperty("code").GetString());
        (await s.RunAsync("audit", "verify")).AssertSuccess();
    }

    [Fact]
    public async Task AuditLog_HoldsNoMandateToken()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var child = await s.DelegateAsync(root.Token);
        (await s.RunAsync("revoke", root.Jti, "--reason", "task done")).AssertSuccess();

        var all = (await s.RunAsync("audit", "list", "--limit", "1000", "--json")).AssertSuccess().Stdout;

        Assert.DoesNotContain(root.Token.Split('.')[2], all, StringComparison.Ordinal);
        Assert.DoesNotContain(child.Token.Split('.')[1], all, StringComparison.Ordinal);
    }

    private static void AssertNames(JsonElement record, string jti, string taskId, string agent, string outcome)
    {
        Assert.Equal(OnBehalfOf, record.GetProperty("on_behalf_of").GetString());
        Assert.Equal(jti, record.GetProperty("mandate").GetString());
        Assert.Equal(taskId, record.GetProperty("task").GetProperty("id").GetString());
        Assert.Equal(agent, record.GetProperty("resource").GetString());
        Assert.Equal(outcome, record.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("actor").GetProperty("id").GetString()));
    }
}
