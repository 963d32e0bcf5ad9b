using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Mandate.Core.Errors;
using Mandate.Credentials.Aws;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Tests.Leases;

namespace Mandate.Credentials.Tests.Aws;

/// <summary>
/// The one real-time expiry of an AWS lease (issue 7; the fake clock covers the rest). STS issues nothing shorter than
/// 900 s and cannot revoke an issued session (docs/adr/0007), so what expires in real time here is the lease: a lease
/// of about two seconds, issued through the lease service against the fake STS with the real SQLite store, is swept
/// once it has expired — marked revoked with reason "expired" and a <c>lease.expire</c> audit record, without any call
/// to STS — and cannot be renewed. The session credentials themselves keep working until their STS Expiration (the
/// 15-minute floor), which the test shows with GetCallerIdentity after the sweep.
/// </summary>
public sealed class AwsLeaseExpiryTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/deploy";

    private readonly FakeSts _sts = new();
    private readonly LeaseFixture _f = new();
    private readonly AwsProvider _provider;

    public AwsLeaseExpiryTests()
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
    public async Task RealTimeExpiry_SweepMarksTheLeaseExpired_RenewIsRefused_AndStsIsNotCalled()
    {
        var time = TimeProvider.System;
        _f.Time.SetUtcNow(time.GetUtcNow()); // the mandate is granted now, so that it is active on the real clock
        var mandate = _f.Mandate("aws:assume:" + Role);
        var service = new LeaseService(_f.Store, _ => _provider, time);
        var request = new LeaseRequest
        {
            Provider = "prod",
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [AwsProvider.RoleParameter] = Role, [AwsProvider.ScopeParameter] = mandate.Scope.ToString() },
            Ttl = TimeSpan.FromSeconds(2),
        };

        var issued = service.Issue(_provider, request, mandate, LeaseFixture.Agent, "s-1");

        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        var lease = issued.Value.Lease;
        Assert.Equal(TimeSpan.FromSeconds(2), lease.Ttl);
        Assert.Equal("900", Assert.Single(_sts.AssumeRoleCalls).Parameters["DurationSeconds"]); // STS's floor
        var secrets = issued.Value.Secrets;

        var clock = Stopwatch.StartNew();
        while (time.GetUtcNow() <= lease.ExpiresAt && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(time.GetUtcNow() > lease.ExpiresAt, "the two-second lease had not expired after 10 s of waiting");

        // Expired but not swept yet: already not renewable.
        Assert.Equal(ErrorCodes.LeaseNotActive, service.Renew(lease.Id, TimeSpan.FromMinutes(5), "user:jane@acme.dev").Error?.Code);

        var swept = service.Sweep("mandate:sweep");

        Assert.True(swept.IsSuccess, swept.Error?.ToString());
        Assert.Equal(lease.Id, Assert.Single(swept.Value).Id);
        var stored = _f.Store.Leases.Find(lease.Id);
        Assert.NotNull(stored);
        Assert.NotNull(stored.RevokedAt);
        Assert.Equal("expired", stored.RevocationReason);
        Assert.False(stored.IsActiveAt(time.GetUtcNow()));
        var record = Assert.Single(_f.Records("lease.expire"));
        Assert.Equal("revoked", (string?)record["outcome"]);
        Assert.Equal(lease.Id, (string?)record["credential"]?["lease_id"]);
        Assert.Equal("expired", (string?)record["details"]?["reason"]);
        Assert.Single(_sts.Calls); // AssumeRole only: STS has nothing to revoke one session with

        var renewed = service.Renew(lease.Id, TimeSpan.FromMinutes(5), "user:jane@acme.dev");
        Assert.Equal(ErrorCodes.LeaseNotActive, renewed.Error?.Code);
        Assert.Contains("revoked", renewed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, _f.Records("lease.renew.refuse").Count);
        Assert.Empty(service.Sweep("mandate:sweep").Value);

        // ADR 0007: the session credentials live on until their STS Expiration, whatever the lease says.
        Assert.True(DateTimeOffset.Parse(lease.Details["expiration"], System.Globalization.CultureInfo.InvariantCulture) > time.GetUtcNow().AddMinutes(10));
        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = _sts.Endpoint.ToString(), AuthenticationRegion = _sts.Region, MaxErrorRetry = 0 };
        using (var client = new AmazonSecurityTokenServiceClient(new SessionAWSCredentials(secrets["access_key_id"], secrets["secret_access_key"], secrets["session_token"]), config))
        {
            var identity = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);
            Assert.EndsWith("assumed-role/deploy/" + lease.Details["session_name"], identity.Arn, StringComparison.Ordinal);
        }

        foreach (var secret in secrets.Values)
        {
            Assert.DoesNotContain(secret, string.Concat(_f.Records().Select(r => r.ToJsonString())), StringComparison.Ordinal);
        }
    }
}
