namespace Mandate.Cli.Tests.Commands;

/// <summary>Every grant and delegation the CLI must refuse, each with its stable code and the offending part named.</summary>
public sealed class MandateRefusalTests
{
    [Fact]
    public async Task Grant_UnknownAgent_IsRefused()
    {
        using var s = await MandateSession.StartAsync();

        var result = (await s.TryGrantAsync("agt_0000000000000000")).AssertError(1, "MDT1010");

        Assert.Contains("agt_0000000000000000", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await s.ListAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Grant_RevokedAgent_IsRefused()
    {
        using var s = await MandateSession.StartAsync();
        (await s.RunAsync("agent", "revoke", s.Main.Id, "--reason", "laptop lost")).AssertSuccess();

        var result = (await s.TryGrantAsync()).AssertError(1, "MDT1011");

        Assert.Contains("laptop lost", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await s.ListAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Grant_WithoutUserEmail_IsMDT2006()
    {
        using var s = await MandateSession.StartAsync(setEmail: false);

        var result = (await s.TryGrantAsync()).AssertError(1, "MDT2006");

        Assert.Contains("mandate config set user.email", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "make CI green", "task title")]
    [InlineData("   ", "make CI green", "task title")]
    [InlineData("Fix flaky tests", " ", "purpose")]
    public async Task Grant_EmptyTaskOrPurpose_IsMDT2006(string task, string purpose, string named)
    {
        using var s = await MandateSession.StartAsync();

        var result = (await s.RunAsync("grant", "--agent", s.Main.Id, "--task", task, "--purpose", purpose, "--scope", MandateSession.RootScope)).AssertError(1, "MDT2006");

        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await s.ListAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("fs:read:/src/** fs:delete:/src/a.cs", "fs:delete:/src/a.cs")]
    [InlineData("fs:read:/src/** fs:read:*", "fs:read:*")]
    [InlineData("cloud:read:/x", "cloud:read:/x")]
    [InlineData("fs:read:relative/path", "fs:read:relative/path")]
    public async Task Grant_MalformedScope_IsMDT2002_NamingTheCapability(string scope, string bad)
    {
        using var s = await MandateSession.StartAsync();

        var result = (await s.TryGrantAsync(scope: scope)).AssertError(1, "MDT2002");

        Assert.Contains(bad, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_TtlAboveTheConfiguredMaximum_IsRefused()
    {
        using var s = await MandateSession.StartAsync();

        var defaultMax = await s.TryGrantAsync(null, MandateSession.RootScope, "--ttl", "9h");
        (await s.RunAsync("config", "set", "ttl.mandate", "30m")).AssertSuccess();
        (await s.RunAsync("config", "set", "ttl.mandate_max", "1h")).AssertSuccess();
        var configured = await s.TryGrantAsync(null, MandateSession.RootScope, "--ttl", "2h");

        Assert.Contains("at most 8h", defaultMax.AssertError(1, "MDT1021").Stderr, StringComparison.Ordinal);
        Assert.Contains("at most 1h", configured.AssertError(1, "MDT1021").Stderr, StringComparison.Ordinal);
        (await s.TryGrantAsync(null, MandateSession.RootScope, "--ttl", "1h")).AssertSuccess();
    }

    [Fact]
    public async Task Delegate_ScopeWiderThanTheParents_IsMDT2001_NamingTheCapability()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();

        var result = (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/** fs:write:/src/web/**")).AssertError(1, "MDT2001");

        Assert.Contains("fs:write:/src/web/**", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("fs:read:/src/tests/**", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delegate_WithoutAgentDelegateForTheSubAgentsType_IsMDT2003()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync("fs:read:/src/** agent:delegate:code-reviewer");

        var result = (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**")).AssertError(1, "MDT2003");

        Assert.Contains("agent:delegate:test-runner", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delegate_DeeperThanMaxDepth_IsMDT2004()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync("fs:read:/src/** agent:delegate:test-runner", "--max-depth", "1");
        var child = await s.DelegateAsync(root.Token, "fs:read:/src/** agent:delegate:test-runner");

        (await s.TryDelegateAsync(child.Token, s.Sub.Id, "fs:read:/src/tests/**")).AssertError(1, "MDT2004");
        var none = await s.GrantAsync("fs:read:/src/** agent:delegate:test-runner", "--max-depth", "0");
        (await s.TryDelegateAsync(none.Token, s.Sub.Id, "fs:read:/src/tests/**")).AssertError(1, "MDT2004");
    }

    [Fact]
    public async Task Delegate_TtlPastTheParentsExpiry_IsMDT2005()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync(MandateSession.RootScope, "--ttl", "10m");

        (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**", "--ttl", "1h")).AssertError(1, "MDT2005");
        var cut = await s.DelegateAsync(root.Token);

        Assert.True(cut.ExpiresAt <= root.ExpiresAt, $"the default 30 min is cut to the parent's expiry: {cut.ExpiresAt} > {root.ExpiresAt}");
    }

    [Fact]
    public async Task Delegate_FromARevokedParent_IsMDT2019()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        (await s.RunAsync("revoke", root.Jti, "--reason", "task cancelled")).AssertSuccess();

        (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**")).AssertError(1, "MDT2019");
        Assert.Single((await s.ListAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Delegate_ToARevokedSubAgent_IsRefused()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        (await s.RunAsync("agent", "revoke", s.Sub.Id, "--reason", "retired")).AssertSuccess();

        var result = (await s.TryDelegateAsync(root.Token, s.Sub.Id, "fs:read:/src/tests/**")).AssertError(1, "MDT1011");

        Assert.Contains("retired", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentRevoke_RevokesTheAgentsMandates_AndTheirChildren()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var child = await s.DelegateAsync(root.Token);

        (await s.RunAsync("agent", "revoke", s.Main.Id, "--reason", "laptop lost")).AssertSuccess();

        (await s.RunAsync("verify", root.Token)).AssertError(1, "MDT2019");
        (await s.RunAsync("verify", child.Token)).AssertError(1, "MDT2019");
        Assert.Equal(0, (await s.ListAsync("--active")).GetArrayLength());
        var revocations = await s.AuditAsync("mandate.revoke");
        Assert.Equal(2, revocations.Count);
    }

    [Fact]
    public async Task RevokeByAgent_RevokesOnlyThatAgentsMandatesAndDescendants()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var child = await s.DelegateAsync(root.Token);

        (await s.RunAsync("revoke", "--agent", s.Sub.Id, "--reason", "sub-agent misbehaved")).AssertSuccess();

        (await s.RunAsync("verify", root.Token)).AssertSuccess();
        (await s.RunAsync("verify", child.Token)).AssertError(1, "MDT2019");
    }
}
