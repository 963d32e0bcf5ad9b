using System.Security.Cryptography;

namespace Mandate.Cli.Tests.Commands;

/// <summary>Issue 7: issuing a credential is a policy decision (credential.issue): the mandate's scope permits it, and an organisation's forbid refuses it.</summary>
public sealed class CredentialPolicyTests
{
    [Fact]
    public async Task AnOrganisationForbid_RefusesACredentialTheMandateCovers_AndTheRefusalIsAudited()
    {
        using var home = await new TempHome().InitAsync();
        (await home.RunAsync("config", "set", "user.email", "jane@acme.dev")).AssertSuccess();
        var (agent, _) = await home.RegisterAsync();
        (await home.RunWithStdinAsync("value-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), "secret", "put", "prod/key")).AssertSuccess();
        (await home.RunWithStdinAsync("value-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), "secret", "put", "dev/key")).AssertSuccess();
        var token = (await home.RunAsync("grant", "--agent", agent, "--task", "t", "--purpose", "p", "--scope", "secret:read:prod/key secret:read:dev/key")).AssertSuccess().Stdout.Trim();

        Directory.CreateDirectory(Path.Combine(home.Home, "policies"));
        File.WriteAllText(Path.Combine(home.Home, "policies", "no-prod.cedar"), """
            @id("org.no-prod-secrets")
            @reason("production secrets are never leased to agents")
            forbid (principal, action == Mandate::Action::"credential.issue", resource)
            when { resource.kind == "secret" && resource.capability like "secret:read:prod/*" };
            """);

        var prod = await home.RunAsync("lease", "secret", "prod/key", "--mandate", token, "--", "true");
        prod.AssertError(1, "MDT6016");
        Assert.Contains("org.no-prod-secrets", prod.Stderr, StringComparison.Ordinal);
        (await home.RunAsync("lease", "secret", "dev/key", "--mandate", token, "--", "true")).AssertSuccess();
        var refusals = (await home.RunAsync("audit", "list", "--kind", "credential", "--decision", "deny", "--json")).AssertSuccess().Stdout;
        using (var json = System.Text.Json.JsonDocument.Parse(refusals))
        {
            var policies = json.RootElement[0].GetProperty("decision").GetProperty("policies");
            Assert.Equal("org.no-prod-secrets", Assert.Single(policies.EnumerateArray()).GetString());
        }

        Assert.Contains("lease.refuse", refusals, StringComparison.Ordinal);
        Assert.Contains("org.no-prod-secrets", refusals, StringComparison.Ordinal);
        Assert.Contains("MDT6016", refusals, StringComparison.Ordinal);
        Assert.Contains("secret:read:prod/key", refusals, StringComparison.Ordinal); // a capability names a secret; it is not redacted
    }
}
