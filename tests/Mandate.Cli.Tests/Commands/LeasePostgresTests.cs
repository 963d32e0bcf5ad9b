using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Mandate.Credentials.Tests.Postgres;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// <c>mandate provider add postgres</c> and <c>mandate lease postgres</c> through the binary, against a real PostgreSQL
/// server the tests start: psql logs in with what the lease prints, and cannot after revocation or a sweep.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LeasePostgresTests(PostgresServer server)
{
    [Fact]
    public async Task LeasePostgres_Json_PsqlReadsButCannotWrite_UntilRevoked_AndThePasswordIsStoredNowhere()
    {
        using var session = await StartAsync();
        var token = (await session.GrantAsync("db:connect:postgres/orders/read")).Token;

        var leased = (await session.RunAsync("lease", "postgres", "--provider", "orders-db", "--database", "orders", "--access", "read", "--ttl", "10m", "--mandate", token, "--json")).AssertSuccess();

        using var json = JsonDocument.Parse(leased.Stdout);
        var root = json.RootElement;
        var leaseId = root.GetProperty("lease_id").GetString()!;
        var user = root.GetProperty("username").GetString()!;
        var password = root.GetProperty("password").GetString()!;
        Assert.Equal("mandate_" + leaseId[4..16], user);
        Assert.StartsWith($"postgresql://{user}:", root.GetProperty("connection_string").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(root.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UnixEpoch);

        var select = await Psql.RunAsync(server, user, password, "orders", "SELECT count(*) FROM items");
        Assert.True(select.ExitCode == 0, select.Stderr);
        var insert = await Psql.RunAsync(server, user, password, "orders", "INSERT INTO items (name) VALUES ('agent')");
        Assert.Contains("permission denied", insert.Stderr, StringComparison.Ordinal);

        var listed = (await session.RunAsync("lease", "list", "--json")).AssertSuccess().Stdout;
        Assert.Contains(leaseId, listed, StringComparison.Ordinal);
        Assert.Contains("db:connect:postgres/orders/read", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(password, listed, StringComparison.Ordinal);

        (await session.RunAsync("lease", "revoke", leaseId, "--reason", "task done")).AssertSuccess();
        Assert.False(await server.RoleExistsAsync(user));
        Assert.NotEqual(0, (await Psql.RunAsync(server, user, password, "orders", "SELECT 1")).ExitCode);

        var audit = (await session.RunAsync("audit", "list", "--limit", "1000", "--json")).AssertSuccess().Stdout;
        Assert.Contains("lease.issue", audit, StringComparison.Ordinal);
        Assert.Contains("lease.revoke", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(password, audit, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AdminPassword, audit, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(session.Home.Home, "mandate.db*"))
        {
            var bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
            Assert.False(bytes.Contains(password, StringComparison.Ordinal), $"the lease password is in {Path.GetFileName(file)}");
            Assert.False(bytes.Contains(server.AdminPassword, StringComparison.Ordinal), $"the admin password is in {Path.GetFileName(file)} in clear");
        }
    }

    [Fact]
    public async Task LeasePostgres_Export_IsEvaluatedByAShell_AndPsqlWritesWithTheWriteTemplate()
    {
        using var session = await StartAsync();
        var token = (await session.GrantAsync("db:connect:postgres/orders/write")).Token;
        var script = $"set -e; eval \"$(\"$MANDATE\" lease postgres --provider orders-db --database orders --access write --export)\"; " +
            $"\"$PSQL\" -X -w -A -t -v ON_ERROR_STOP=1 -c \"INSERT INTO items (name) VALUES ('from-export') RETURNING current_user\"";
        var environment = new Dictionary<string, string?>(session.Home.Environment)
        {
            ["MANDATE"] = CliRunner.Mandate, ["PSQL"] = server.Psql, ["MANDATE_TOKEN"] = token, ["MANDATE_TOKEN_FILE"] = null,
            ["PGUSER"] = null, ["PGPASSWORD"] = null, ["PGHOST"] = null, ["PGPORT"] = null, ["PGDATABASE"] = null,
        };

        var ran = await CliRunner.RunAsync("bash", ["-c", script], environment);

        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.StartsWith("mandate_", ran.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Equal(1L, await server.ScalarAsync("SELECT count(*) FROM items WHERE name = 'from-export'", "orders"));
        await server.ScalarAsync("DELETE FROM items WHERE name = 'from-export'", "orders");
        (await session.RunAsync("lease", "revoke", "--task", (await session.ListAsync()).EnumerateArray().First().GetProperty("task_id").GetString()!, "--reason", "done")).AssertSuccess();
    }

    [Fact]
    public async Task LeasePostgres_DefaultOutput_IsAConnectionString_AndASweepAfterExpiryDropsTheRole()
    {
        using var session = await StartAsync();
        var token = (await session.GrantAsync("db:connect:postgres/orders/read")).Token;

        var leased = (await session.RunAsync("lease", "postgres", "--provider", "orders-db", "--database", "orders", "--access", "read", "--ttl", "2s", "--mandate", token)).AssertSuccess();

        var uri = leased.Stdout.Trim();
        var user = uri["postgresql://".Length..uri.IndexOf(':', "postgresql://".Length)];
        var first = await Psql.RunUriAsync(server, uri, "SELECT current_user");
        Assert.True(first.ExitCode == 0 || first.Stderr.Contains("password authentication failed", StringComparison.Ordinal), first.Stderr);

        // Past VALID UNTIL the server refuses the password; the sweep then drops the role itself.
        var clock = Stopwatch.StartNew();
        while ((await Psql.RunUriAsync(server, uri, "SELECT 1")).ExitCode == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the role still logs in 10 s after a 2 s lease");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.True(await server.RoleExistsAsync(user));
        var swept = (await session.RunAsync("lease", "sweep")).AssertSuccess();
        Assert.Contains("lse_", swept.Stdout, StringComparison.Ordinal);
        Assert.False(await server.RoleExistsAsync(user));
    }

    [Fact]
    public async Task LeasePostgres_WithoutTheScope_IsRefused_AndNoRoleIsCreated()
    {
        using var session = await StartAsync();
        var token = (await session.GrantAsync("db:connect:postgres/orders/read")).Token;
        var before = await server.ScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'mandate\\_%'");

        var refused = await session.RunAsync("lease", "postgres", "--provider", "orders-db", "--database", "orders", "--access", "write", "--mandate", token);

        refused.AssertError(1, "MDT6001");
        Assert.Contains("db:connect:postgres/orders/write", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await server.ScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'mandate\\_%'"));
        Assert.NotEmpty(await session.AuditAsync("lease.refuse"));
    }

    [Fact]
    public async Task LeasePostgres_UnknownProviderOrAccess_IsAClearError()
    {
        using var session = await StartAsync();
        var token = (await session.GrantAsync("db:connect:postgres/orders/*")).Token;

        (await session.RunAsync("lease", "postgres", "--provider", "nope", "--database", "orders", "--access", "read", "--mandate", token)).AssertError(1, "MDT6014");
        var badAccess = await session.RunAsync("lease", "postgres", "--provider", "orders-db", "--database", "orders", "--access", "admin", "--mandate", token);
        badAccess.AssertError(1, "MDT6020");
        Assert.Contains("access 'admin' is not a template", badAccess.Stderr, StringComparison.Ordinal);
    }

    private async Task<MandateSession> StartAsync()
    {
        var session = await MandateSession.StartAsync();
        (await session.RunAsync("provider", "add", "postgres", "--name", "orders-db", "--connection", server.AdminConnectionString)).AssertSuccess();
        return session;
    }
}
