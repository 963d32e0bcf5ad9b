using System.Text;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.Aws;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Tests.Leases;

namespace Mandate.Credentials.Tests.Aws;

/// <summary>AWS leases through the lease service: the mandate decides, the store keeps no secret, revocation only marks.</summary>
public sealed class AwsLeaseTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/deploy";

    private readonly FakeSts _sts = new();
    private readonly LeaseFixture _f = new();
    private readonly AwsProvider _provider;

    public AwsLeaseTests()
    {
        var credentials = Path.Combine(_f.Directory, "credentials");
        File.WriteAllText(credentials, $"[base]\naws_access_key_id = {_sts.BaseAccessKeyId}\naws_secret_access_key = {_sts.BaseSecretAccessKey}\n");
        _provider = new AwsProvider(new AwsProviderOptions { Name = "prod", Profile = "base", CredentialsFile = credentials, EndpointUrl = _sts.Endpoint });
    }

    public void Dispose()
    {
        _f.Dispose();
        _sts.Dispose();
    }

    [Fact]
    public void Issue_UnderAnAwsScope_StoresTheLeaseWithDetailsAndNoSecret()
    {
        var mandate = _f.Mandate("aws:assume:arn:aws:iam::123456789012:role/* fs:read:/src/**");

        var issued = _f.Service.Issue(_provider, Request(mandate.Scope.ToString()), mandate, LeaseFixture.Agent, "s-1");

        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        var lease = issued.Value.Lease;
        Assert.Equal("aws", lease.Kind);
        Assert.Equal("aws:assume:" + Role, lease.Capability);
        Assert.Equal(TimeSpan.FromMinutes(15), lease.Ttl);
        Assert.Equal("mandate-" + lease.Id[4..], lease.Details["session_name"]);
        var call = Assert.Single(_sts.AssumeRoleCalls);
        Assert.Equal("900", call.Parameters["DurationSeconds"]);
        Assert.Equal("claude-code.jane", call.Parameters["SourceIdentity"]);
        Assert.Equal(lease.TaskId, Tag(call.Parameters, "mandate:task"));

        var stored = Assert.Single(_f.Store.Leases.List(new LeaseFilter { Id = lease.Id }));
        Assert.Equal(lease.Details["expiration"], stored.Details["expiration"]);
        _f.Store.Dispose();
        var database = Encoding.Latin1.GetString(File.ReadAllBytes(_f.DatabasePath));
        foreach (var secret in issued.Value.Secrets.Values)
        {
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Issue_WithoutAwsAssumeScope_IsRefusedAuditedAndStsIsNeverCalled()
    {
        var mandate = _f.Mandate("aws:assume:arn:aws:iam::123456789012:role/readonly fs:read:/src/**");

        var refused = _f.Service.Issue(_provider, Request(mandate.Scope.ToString()), mandate, LeaseFixture.Agent, "s-1");

        Assert.Equal(ErrorCodes.LeaseNotCovered, refused.Error?.Code);
        Assert.Contains("aws:assume:" + Role, refused.Error!.Message, StringComparison.Ordinal);
        var record = Assert.Single(_f.Records("lease.refuse"));
        Assert.Contains("aws:assume:" + Role, record.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_sts.Calls);
    }

    [Fact]
    public void Revoke_MarksTheLease_WithoutCallingSts()
    {
        var mandate = _f.Mandate("aws:assume:" + Role);
        var lease = _f.Service.Issue(_provider, Request(mandate.Scope.ToString()), mandate, LeaseFixture.Agent, "s-1").Value.Lease;

        var revoked = _f.Service.Revoke(new LeaseFilter { Id = lease.Id }, "task done", "user:jane@acme.dev");

        Assert.True(revoked.IsSuccess, revoked.Error?.ToString());
        Assert.NotNull(Assert.Single(revoked.Value).RevokedAt);
        Assert.Single(_sts.Calls);
        Assert.False(_provider.Renew(lease, lease.ExpiresAt.AddMinutes(5)).Value);
    }

    [Fact]
    public void Issue_MandateExpiringSooner_CutsTheLeaseButStsStillGetsItsFloor()
    {
        var mandate = _f.Mandate("aws:assume:" + Role, TimeSpan.FromMinutes(5));

        var lease = _f.Service.Issue(_provider, Request(null), mandate, LeaseFixture.Agent, "s-1").Value.Lease;

        Assert.Equal(TimeSpan.FromMinutes(5), lease.Ttl);
        Assert.Equal("900", Assert.Single(_sts.AssumeRoleCalls).Parameters["DurationSeconds"]);
        _f.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.False(Assert.Single(_f.Store.Leases.List(new LeaseFilter { Id = lease.Id })).IsActiveAt(_f.Time.GetUtcNow()));
    }

    private static LeaseRequest Request(string? scope)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [AwsProvider.RoleParameter] = Role };
        if (scope is not null)
        {
            parameters[AwsProvider.ScopeParameter] = scope;
        }

        return new LeaseRequest { Provider = "prod", Parameters = parameters, Ttl = AwsProvider.MinDuration };
    }

    private static string? Tag(IReadOnlyDictionary<string, string> p, string key)
    {
        for (var n = 1; p.TryGetValue($"Tags.member.{n}.Key", out var k); n++)
        {
            if (k == key)
            {
                return p[$"Tags.member.{n}.Value"];
            }
        }

        return null;
    }
}
