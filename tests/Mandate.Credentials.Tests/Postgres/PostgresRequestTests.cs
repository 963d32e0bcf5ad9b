using Mandate.Core.Errors;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Postgres;
using Mandate.Credentials.Postgres.Internal;

namespace Mandate.Credentials.Tests.Postgres;

/// <summary>What the provider checks before it connects (no server needed).</summary>
public sealed class PostgresRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static PostgresProvider Provider(params (string Access, string Sql)[] templates) =>
        PostgresProvider.Create(new PostgresProviderConfig("orders-db", "Host=127.0.0.1;Port=1;Username=admin;Password=pw",
            templates.ToDictionary(t => t.Access, t => t.Sql))).Value;

    [Fact]
    public void Capability_NamesDatabaseAndAccess()
    {
        using var provider = Provider();
        Assert.Equal("postgres", provider.Kind);
        Assert.Equal("db:connect:postgres/orders/read", provider.Capability(PostgresLeases.Request("read")));
    }

    [Fact]
    public void Request_EveryProblemIsReportedAtOnce()
    {
        using var provider = Provider();
        var request = new LeaseRequest
        {
            Provider = "orders-db",
            Parameters = new Dictionary<string, string> { ["database"] = "orders\"; DROP ROLE x; --", ["access"] = "admin", ["schema"] = "x" },
        };
        var failed = provider.Issue(request, PostgresLeases.Grant(Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(ErrorCodes.PostgresRequestInvalid, failed.Error?.Code);
        Assert.Contains("database 'orders\"; DROP ROLE x; --'", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("access 'admin' is not a template", failed.Error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown parameter 'schema'", failed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_WithoutParameters_IsRefused()
    {
        using var provider = Provider();
        var failed = provider.Issue(new LeaseRequest { Provider = "orders-db", Parameters = new Dictionary<string, string>() },
            PostgresLeases.Grant(Now, TimeSpan.FromMinutes(5)));
        Assert.Contains("no database", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("no access", failed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_BadConnectionStringAndTemplateNames_AreReportedWithoutTheString()
    {
        var created = PostgresProvider.Create(new PostgresProviderConfig("x", "Host=h;Passwrd=s3cr3t-value;=;", new Dictionary<string, string> { ["Bad Name"] = "GRANT" }));
        Assert.Equal(ErrorCodes.PostgresConfigInvalid, created.Error?.Code);
        Assert.DoesNotContain("s3cr3t-value", created.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid Npgsql connection string", created.Error.Message, StringComparison.Ordinal);
        Assert.Contains("template name 'Bad Name'", created.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleName_IsMandateAndTwelveHexDigitsOfTheLease()
    {
        Assert.Equal("mandate_0123456789ab", PostgresProvider.RoleName("lse_0123456789abcdef0123456789abcdef").Value);
        Assert.Equal(ErrorCodes.PostgresRequestInvalid, PostgresProvider.RoleName("lse_xyz").Error?.Code);
    }

    [Fact]
    public void Templates_ReplacePlaceholdersWithQuotedIdentifiers_AndConfiguredOnesWin()
    {
        var sql = PostgresTemplates.Render(PostgresTemplates.ReadSql, "\"r\"", "\"my db\"", "\"public\"");
        Assert.Contains("GRANT CONNECT ON DATABASE \"my db\" TO \"r\";", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", sql, StringComparison.Ordinal);
        Assert.Equal("GRANT X", PostgresTemplates.Find(new Dictionary<string, string> { ["read"] = "GRANT X" }, "read"));
        Assert.Null(PostgresTemplates.Find(new Dictionary<string, string>(), "admin"));
    }

    [Fact]
    public void ConnectionUri_EscapesAndCarriesSslMode()
    {
        var admin = new Npgsql.NpgsqlConnectionStringBuilder("Host=db.example;Port=6543;Username=a;Password=b;SSL Mode=VerifyFull");
        Assert.Equal("postgresql://mandate_x:p%2Fw@db.example:6543/my%20db?sslmode=verify-full",
            PostgresConnectionUri.Format(admin, "mandate_x", "p/w", "my db"));
    }

    [Fact]
    public void ScramVerifier_HasPostgresFormat()
    {
        var verifier = ScramVerifier.Compute("pencil", Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        // RFC 7677's example user "user"/"pencil": StoredKey and ServerKey follow from its SaltedPassword.
        Assert.StartsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$", verifier, StringComparison.Ordinal);
        Assert.Matches(@"^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$", verifier);
    }
}
