using System.Diagnostics;
using Mandate.Core.Errors;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Postgres;
using Npgsql;

namespace Mandate.Credentials.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresProviderTests(PostgresServer server)
{
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task ReadLease_PsqlSelects_AndInsertIsRefused()
    {
        using var provider = PostgresLeases.Provider(server);
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromMinutes(15));
        var issued = Issue(provider, PostgresLeases.Request("read"), grant);
        var user = issued.Details["username"];
        var password = issued.Secrets["password"];

        Assert.Equal("mandate_" + grant.LeaseId[4..16], user);
        Assert.Equal(43, password.Length);
        Assert.Equal(("orders", server.Host, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (issued.Details["database"], issued.Details["host"], issued.Details["port"]));

        var select = await Psql.RunAsync(server, user, password, "orders", "SELECT count(*) FROM items");
        Assert.True(select.ExitCode == 0, select.Stderr);
        Assert.Equal("2", select.Stdout);

        var insert = await Psql.RunAsync(server, user, password, "orders", "INSERT INTO items (name) VALUES ('intruder')");
        Assert.NotEqual(0, insert.ExitCode);
        Assert.Contains("permission denied", insert.Stderr, StringComparison.Ordinal);

        // The connection string works as it is (the password is handed to psql in its environment).
        var viaUri = await Psql.RunUriAsync(server, issued.Secrets["connection_string"], "SELECT current_user");
        Assert.True(viaUri.ExitCode == 0, viaUri.Stderr);
        Assert.Equal(user, viaUri.Stdout);

        Assert.True(provider.Revoke(PostgresLeases.Lease(grant, issued, provider.Capability(PostgresLeases.Request("read")))).Value);
    }

    [Fact]
    public async Task WriteLease_PsqlInsertsIntoASerialTable()
    {
        using var provider = PostgresLeases.Provider(server);
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromMinutes(15));
        var issued = Issue(provider, PostgresLeases.Request("write"), grant);

        var insert = await Psql.RunAsync(server, issued.Details["username"], issued.Secrets["password"], "orders",
            "INSERT INTO items (name) VALUES ('sprocket') RETURNING name");
        Assert.True(insert.ExitCode == 0, insert.Stderr);
        Assert.Contains("sprocket", insert.Stdout, StringComparison.Ordinal);

        Assert.True(provider.Revoke(PostgresLeases.Lease(grant, issued, "db:connect:postgres/orders/write")).Value);
        await server.ScalarAsync("DELETE FROM items WHERE name = 'sprocket'", "orders");
    }

    [Fact]
    public async Task Revoke_TerminatesOpenSessions_RefusesNewLogins_AndIsIdempotent()
    {
        using var provider = PostgresLeases.Provider(server);
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromMinutes(15));
        var issued = Issue(provider, PostgresLeases.Request("read"), grant);
        var user = issued.Details["username"];
        var password = issued.Secrets["password"];

        // An interactive psql session and an Npgsql connection, both logged in as the role.
        using var session = Process.Start(Psql.StartInfo(server, user, password, "orders"))!;
        var sessionOut = session.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var sessionErr = session.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await session.StandardInput.WriteLineAsync("SELECT 'before-' || count(*) FROM items;".AsMemory(), TestContext.Current.CancellationToken);
        await session.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
        await using var held = new NpgsqlConnection($"Host={server.Host};Port={server.Port};Username={user};Password={password};Database=orders;Pooling=false");
        await held.OpenAsync(TestContext.Current.CancellationToken);
        await using (var check = new NpgsqlCommand("SELECT count(*) FROM items", held))
        {
            Assert.Equal(2L, await check.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        await WaitForSessionsAsync(user, atLeast: 2);

        var lease = PostgresLeases.Lease(grant, issued, "db:connect:postgres/orders/read");
        var revoked = provider.Revoke(lease);
        Assert.True(revoked.IsSuccess, revoked.Error?.ToString());
        Assert.True(revoked.Value);

        // The psql session is gone: its next statement does not run.
        await session.StandardInput.WriteLineAsync("SELECT 'after-' || count(*) FROM items;".AsMemory(), TestContext.Current.CancellationToken);
        session.StandardInput.Close();
        await session.WaitForExitAsync(TestContext.Current.CancellationToken);
        var output = await sessionOut;
        Assert.Contains("before-2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("after-", output, StringComparison.Ordinal);
        Assert.NotEqual(0, session.ExitCode);
        Assert.Contains("terminating connection due to administrator command", await sessionErr, StringComparison.Ordinal);

        // So is the Npgsql connection.
        await using (var after = new NpgsqlCommand("SELECT 1", held))
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        // No new login, no role, no session; revoking again changes nothing and succeeds.
        var login = await Psql.RunAsync(server, user, password, "orders", "SELECT 1");
        Assert.NotEqual(0, login.ExitCode);
        Assert.False(await server.RoleExistsAsync(user));
        Assert.Equal(0L, await server.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE usename = $1", "postgres", user));
        var again = provider.Revoke(lease);
        Assert.True(again.IsSuccess, again.Error?.ToString());
        Assert.False(again.Value);
    }

    [Fact]
    public async Task RealTimeExpiry_LoginFailsAfterValidUntil_AndRevokeDropsTheRole()
    {
        using var provider = PostgresLeases.Provider(server);
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromSeconds(2));
        var issued = Issue(provider, PostgresLeases.Request("read"), grant);
        var user = issued.Details["username"];
        var password = issued.Secrets["password"];

        var refused = false;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var login = await Psql.RunAsync(server, user, password, "orders", "SELECT 1");
            if (login.ExitCode != 0)
            {
                Assert.Contains("password authentication failed", login.Stderr, StringComparison.Ordinal);
                refused = true;
                break;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.True(refused, "the role could still log in 10 s after VALID UNTIL");
        Assert.True(await server.RoleExistsAsync(user));
        Assert.True(provider.Revoke(PostgresLeases.Lease(grant, issued, "db:connect:postgres/orders/read")).Value);
        Assert.False(await server.RoleExistsAsync(user));
    }

    [Fact]
    public async Task Renew_MovesValidUntil_AndAGoneRoleIsReported()
    {
        using var provider = PostgresLeases.Provider(server);
        var now = Now;
        var grant = PostgresLeases.Grant(now, TimeSpan.FromMinutes(5));
        var issued = Issue(provider, PostgresLeases.Request("read"), grant);
        var lease = PostgresLeases.Lease(grant, issued, "db:connect:postgres/orders/read");
        var user = issued.Details["username"];

        var later = now.AddMinutes(20);
        var renewed = provider.Renew(lease, later);
        Assert.True(renewed.IsSuccess, renewed.Error?.ToString());
        var validUntil = (DateTime)(await server.ScalarAsync("SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1", "postgres", user))!;
        Assert.Equal(later.UtcDateTime.AddTicks(-(later.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), validUntil.ToUniversalTime());

        Assert.True(provider.Revoke(lease).Value);
        var gone = provider.Renew(lease, later.AddMinutes(1));
        Assert.Equal(ErrorCodes.PostgresRoleGone, gone.Error?.Code);
    }

    [Fact]
    public async Task CustomTemplate_Grants_AndRevokeReassignsWhatTheRoleCreated()
    {
        var templates = new Dictionary<string, string>
        {
            ["builder"] = PostgresTemplates.WriteSql + "\nGRANT CREATE ON SCHEMA {{schema}} TO {{name}};",
        };
        using var provider = PostgresLeases.Provider(server, templates);
        var request = PostgresLeases.Request("builder");
        Assert.Equal("db:connect:postgres/orders/builder", provider.Capability(request));
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromMinutes(15));
        var issued = Issue(provider, request, grant);
        var user = issued.Details["username"];

        var create = await Psql.RunAsync(server, user, issued.Secrets["password"], "orders", "CREATE TABLE scratch (x int)");
        Assert.True(create.ExitCode == 0, create.Stderr);

        var revoked = provider.Revoke(PostgresLeases.Lease(grant, issued, provider.Capability(request)));
        Assert.True(revoked.IsSuccess, revoked.Error?.ToString());
        Assert.False(await server.RoleExistsAsync(user));
        Assert.Equal("mandate_admin", await server.ScalarAsync("SELECT tableowner FROM pg_tables WHERE tablename = 'scratch'", "orders"));
        await server.ScalarAsync("DROP TABLE scratch", "orders");
    }

    [Fact]
    public async Task Revoke_CleansOtherDatabases_WhenTheRoleWasGrantedSomethingThere()
    {
        using var provider = PostgresLeases.Provider(server);
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromMinutes(15));
        var issued = Issue(provider, PostgresLeases.Request("read"), grant);
        var user = issued.Details["username"];
        await server.ScalarAsync("CREATE TABLE IF NOT EXISTS elsewhere (x int)");
        await server.ScalarAsync($"GRANT SELECT ON elsewhere TO {user}");

        var revoked = provider.Revoke(PostgresLeases.Lease(grant, issued, "db:connect:postgres/orders/read"));

        Assert.True(revoked.IsSuccess, revoked.Error?.ToString());
        Assert.False(await server.RoleExistsAsync(user));
    }

    [Fact]
    public async Task FailingTemplate_RollsTheRoleBack_AndNoMessageOrLogCarriesTheRoleOrPassword()
    {
        var canary = "canary-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var templates = new Dictionary<string, string> { ["broken"] = "GRANT SELEKT ON items TO {{name}}" };
        using var provider = PostgresLeases.Provider(server, templates, () => canary);
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromMinutes(15));
        var role = PostgresProvider.RoleName(grant.LeaseId).Value;

        var failed = provider.Issue(PostgresLeases.Request("broken"), grant);

        Assert.Equal(ErrorCodes.PostgresIssueFailed, failed.Error?.Code);
        Assert.Contains("42601", failed.Error!.Message, StringComparison.Ordinal);
        AssertClean(failed.Error, canary, role);
        Assert.False(await server.RoleExistsAsync(role));
        Assert.DoesNotContain(canary, server.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleAlreadyThere_IssueFails_WithoutNamingTheRoleOrPassword()
    {
        var canary = "canary-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        using var provider = PostgresLeases.Provider(server, password: () => canary);
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromMinutes(15));
        var role = PostgresProvider.RoleName(grant.LeaseId).Value;
        await server.ScalarAsync($"CREATE ROLE {role}");
        try
        {
            var failed = provider.Issue(PostgresLeases.Request("read"), grant);
            Assert.Equal(ErrorCodes.PostgresIssueFailed, failed.Error?.Code);
            Assert.Contains("42710", failed.Error!.Message, StringComparison.Ordinal);
            AssertClean(failed.Error, canary, role);
            Assert.DoesNotContain(canary, server.ReadLog(), StringComparison.Ordinal);
        }
        finally
        {
            await server.ScalarAsync($"DROP ROLE {role}");
        }
    }

    [Fact]
    public void UnknownDatabase_IsARequestError()
    {
        using var provider = PostgresLeases.Provider(server);
        var failed = provider.Issue(PostgresLeases.Request("read", "no_such_db"), PostgresLeases.Grant(Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(ErrorCodes.PostgresRequestInvalid, failed.Error?.Code);
        Assert.Contains("does not exist", failed.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_RefusesALeaseNamingARoleItDidNotCreate()
    {
        using var provider = PostgresLeases.Provider(server);
        var grant = PostgresLeases.Grant(Now, TimeSpan.FromMinutes(5));
        var forged = new IssuedCredential(
            new Dictionary<string, string> { ["username"] = PostgresServer.Superuser, ["database"] = "orders" },
            new Dictionary<string, string>());
        var refused = provider.Revoke(PostgresLeases.Lease(grant, forged, "db:connect:postgres/orders/read"));
        Assert.Equal(ErrorCodes.PostgresRequestInvalid, refused.Error?.Code);
        Assert.True(await server.RoleExistsAsync(PostgresServer.Superuser));
    }

    [Fact]
    public void UnreachableServer_IsReportedWithoutTheAdminPassword()
    {
        var config = new PostgresProviderConfig("down", $"Host=127.0.0.1;Port=1;Username=x;Password={server.AdminPassword};Timeout=2", new Dictionary<string, string>());
        using var provider = PostgresProvider.Create(config).Value;
        var failed = provider.Issue(PostgresLeases.Request("read"), PostgresLeases.Grant(Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(ErrorCodes.PostgresUnreachable, failed.Error?.Code);
        Assert.DoesNotContain(server.AdminPassword, failed.Error!.Message + failed.Error.Fix, StringComparison.Ordinal);
    }

    private async Task WaitForSessionsAsync(string user, int atLeast)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await server.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE usename = $1", "postgres", user) is long n && n >= atLeast)
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"fewer than {atLeast} sessions of the role appeared");
    }

    private static IssuedCredential Issue(PostgresProvider provider, LeaseRequest request, LeaseGrant grant)
    {
        var issued = provider.Issue(request, grant);
        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        return issued.Value;
    }

    private static void AssertClean(MandateError error, string password, string role)
    {
        var text = error.Code + error.Message + error.Fix;
        Assert.False(text.Contains(password, StringComparison.Ordinal), "the password is in the error");
        Assert.False(text.Contains(role, StringComparison.Ordinal), "the role name is in the error");
    }
}
