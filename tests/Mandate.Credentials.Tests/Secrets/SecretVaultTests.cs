using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Credentials.Providers;
using Mandate.Credentials.Secrets;
using Mandate.Credentials.Tests.Leases;

namespace Mandate.Credentials.Tests.Secrets;

public sealed class SecretVaultTests : IDisposable
{
    private readonly LeaseFixture _f = new();
    private readonly SecretBox _box = new(RandomNumberGenerator.GetBytes(SecretBox.KeySize));
    private readonly string _canary = "canary-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    [Fact]
    public void Put_ThenReleaseAsALease_UnderAMandateWithTheScope()
    {
        var vault = new SecretVault(_f.Store, _box, _f.Time);
        Assert.True(vault.Put("prod/stripe/key", _canary, "user:jane@acme.dev").IsSuccess);
        var provider = new SecretProvider(vault);

        var issued = _f.Service.Issue(provider, SecretProvider.Request("prod/stripe/key"), _f.Mandate("secret:read:prod/stripe/*"), LeaseFixture.Agent, null);

        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        Assert.Equal(_canary, issued.Value.Secrets["prod/stripe/key"]);
        Assert.Equal("secret", issued.Value.Lease.Kind);
        Assert.Equal("secret:read:prod/stripe/key", issued.Value.Lease.Capability);
        Assert.Equal("PROD_STRIPE_KEY", issued.Value.Lease.Details["env"]);
        Assert.Single(_f.Records("lease.issue"));
        Assert.Single(_f.Records("secret.put"));
        Assert.All(_f.Records(), r => Assert.DoesNotContain(_canary, r.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Release_WithoutTheScope_IsRefusedAndAudited()
    {
        var vault = new SecretVault(_f.Store, _box, _f.Time);
        vault.Put("prod/stripe/key", _canary, "user:jane@acme.dev");

        var refused = _f.Service.Issue(new SecretProvider(vault), SecretProvider.Request("prod/stripe/key"), _f.Mandate("secret:read:dev/**"), LeaseFixture.Agent, null);

        Assert.Equal(ErrorCodes.LeaseNotCovered, refused.Error?.Code);
        Assert.Contains("secret:read:prod/stripe/key", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Single(_f.Records("lease.refuse"));
    }

    [Fact]
    public void Put_ReplacesTheValue_KeepsTheCreationTime_AndRefusesBadInput()
    {
        var vault = new SecretVault(_f.Store, _box, _f.Time);
        vault.Put("api", _canary, "user:jane@acme.dev");
        _f.Time.Advance(TimeSpan.FromMinutes(5));
        vault.Put("api", _canary + "-2", "user:jane@acme.dev");

        var stored = Assert.Single(vault.List());
        Assert.Equal((LeaseFixture.T0, LeaseFixture.T0.AddMinutes(5)), (stored.CreatedAt, stored.UpdatedAt));
        Assert.Equal(_canary + "-2", vault.Reveal("api").Value);
        Assert.Single(_f.Records("secret.update"));
        Assert.Equal(ErrorCodes.SecretInvalid, vault.Put("short", "12345", "user:jane@acme.dev").Error?.Code);
        Assert.Equal(ErrorCodes.SecretInvalid, vault.Put("prod/*", _canary, "user:jane@acme.dev").Error?.Code);
        Assert.Equal(ErrorCodes.SecretInvalid, vault.Put("a b", _canary, "user:jane@acme.dev").Error?.Code);
        Assert.Equal(ErrorCodes.SecretNotFound, vault.Reveal("missing").Error?.Code);
    }

    [Fact]
    public void Providers_AreStoredSealed_AndListedOpened()
    {
        var registry = new ProviderRegistry(_f.Store, _box, _f.Time, "user:jane@acme.dev");
        var connection = $"Host=db.internal;Port=5433;Database=orders;Username=admin;Password={_canary}";

        var added = registry.Add("orders-db", "postgres", new JsonObject { ["connection"] = connection });

        Assert.True(added.IsSuccess, added.Error?.ToString());
        Assert.Equal(ErrorCodes.ProviderExists, registry.Add("orders-db", "postgres", []).Error?.Code);
        Assert.Equal(ErrorCodes.ProviderInvalid, registry.Add("Orders DB", "postgres", []).Error?.Code);
        Assert.Equal(connection, (string?)registry.Get("orders-db").Value.Config["connection"]);
        Assert.Equal(ErrorCodes.ProviderNotFound, registry.Get("nope").Error?.Code);
        Assert.Equal("orders-db", Assert.Single(registry.List().Value).Name);
        Assert.Equal("db.internal:5433/orders", ConnectionSummary.Describe(connection));
        Assert.Single(_f.Records("provider.add"));
        Assert.All(_f.Records(), r => Assert.DoesNotContain(_canary, r.ToJsonString(), StringComparison.Ordinal));
        Assert.True(Assert.Single(_f.Store.Providers.List()).Config.Span.IndexOf(System.Text.Encoding.UTF8.GetBytes(_canary)) < 0);
    }

    [Theory]
    [InlineData("Host=db;Username=admin;Password={0}")]
    [InlineData("host=db dbname=orders user=admin password={0}")]
    [InlineData("postgresql://admin:{0}@db.internal:5433/orders")]
    public void Providers_RedactTheirCredentialsInAuditRecords_ButNotOrdinaryValues(string template)
    {
        var registry = new ProviderRegistry(_f.Store, _box, _f.Time, "user:jane@acme.dev");
        var connection = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, _canary);
        Assert.True(registry.Add("db", "postgres", new JsonObject { ["connection"] = connection, ["region"] = "us-east-1", ["profile"] = "default" }).IsSuccess);
        Assert.True(registry.Get("db").IsSuccess);

        // A record that quotes the bare password (an error message, say) and the ordinary values.
        _f.Store.Audit.Append(new Mandate.Core.Audit.AuditRecord
        {
            Time = _f.Time.GetUtcNow(),
            Kind = Mandate.Core.Audit.AuditKinds.Admin,
            Event = "probe",
            Actor = new Mandate.Core.Audit.AuditActor("user:jane@acme.dev"),
            Outcome = $"failed for {_canary} in us-east-1 with profile default",
        });
        var probe = Assert.Single(_f.Records("probe")).ToJsonString();
        Assert.DoesNotContain(_canary, probe, StringComparison.Ordinal);
        Assert.Contains("us-east-1", probe, StringComparison.Ordinal);
        Assert.Contains("profile default", probe, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://admin:pw@db.internal:5433/orders?sslmode=require", "db.internal:5433/orders")]
    [InlineData("host=db.internal dbname=orders user=admin password=pw", "db.internal/orders")]
    [InlineData("Server=db;Database=orders;User Id=admin;Password=pw", "db/orders")]
    [InlineData("nonsense", "(unrecognised connection string)")]
    public void ConnectionSummary_ShowsHostAndDatabaseOnly(string connection, string expected) =>
        Assert.Equal(expected, ConnectionSummary.Describe(connection));

    public void Dispose()
    {
        _box.Dispose();
        _f.Dispose();
    }
}
