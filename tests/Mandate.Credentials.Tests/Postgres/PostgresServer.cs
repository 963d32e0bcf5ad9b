using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Mandate.Credentials.Tests.Postgres;

/// <summary>
/// A real PostgreSQL server for the tests: initdb in a temporary directory with a random superuser password (as
/// <c>mandatepg</c> when the tests run as root, since initdb and postgres refuse root), listening on a free loopback
/// port, with a database <c>orders</c> holding a table <c>items</c>. One server for the whole collection; stopped and
/// removed on dispose. A missing binary fails the tests: they never skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Superuser = "mandate_admin";
    public const string Database = "orders";
    private const string UnprivilegedUser = "mandatepg";

    private string? _root;
    private string? _binaries;

    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The superuser's password, generated for this run.</summary>
    public string AdminPassword { get; private set; } = "";

    public string AdminConnectionString =>
        $"Host={Host};Port={Port};Username={Superuser};Password={AdminPassword};Database=postgres;Pooling=false";

    /// <summary>The psql client.</summary>
    public string Psql { get; private set; } = "";

    /// <summary>The server's log (statements that failed are logged here by default).</summary>
    public string LogFile => Path.Combine(_root!, "server.log");

    // Environment.UserName is the effective user's name on Unix (getpwuid(geteuid())).
    private static bool IsRoot => Environment.UserName == "root";

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries();
        Psql = FindOnPath("psql") ?? Path.Combine(_binaries, "psql");
        if (!File.Exists(Psql))
        {
            throw new InvalidOperationException("psql not found (install postgresql-client).");
        }

        _root = Path.Combine(Path.GetTempPath(), "mandate-pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(_root);
        var data = Path.Combine(_root, "data");
        var pwfile = Path.Combine(_root, "pwfile");
        AdminPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(pwfile, AdminPassword + "\n");
        if (IsRoot)
        {
            Run("chown", ["-R", $"{UnprivilegedUser}:{UnprivilegedUser}", _root], asServerUser: false);
        }

        Run(Path.Combine(_binaries, "initdb"),
            ["-D", data, "-U", Superuser, "--pwfile", pwfile, "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C", "--no-sync"]);
        File.Delete(pwfile);

        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=60 -c shared_buffers=16MB";
            var start = RunRaw(Path.Combine(_binaries, "pg_ctl"), ["-D", data, "-l", LogFile, "-o", options, "-w", "-t", "60", "start"], asServerUser: true);
            if (start.ExitCode == 0)
            {
                break;
            }

            if (attempt == 2)
            {
                throw new InvalidOperationException($"pg_ctl start failed: {start.Output}\n{ReadLog()}");
            }
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        // Only roles granted CONNECT may log in to orders: the lease's grant is what lets it in.
        await using (var revoke = new NpgsqlCommand($"REVOKE CONNECT ON DATABASE {Database} FROM PUBLIC", admin))
        {
            await revoke.ExecuteNonQueryAsync();
        }

        await using var orders = new NpgsqlConnection(ConnectionString(Database));
        await orders.OpenAsync();
        await using var table = new NpgsqlCommand(
            "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO items (name) VALUES ('widget'), ('gadget');", orders);
        await table.ExecuteNonQueryAsync();
    }

    /// <summary>A superuser connection string to <paramref name="database"/>.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    /// <summary>Runs one query as the superuser and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, string database = "postgres", params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync();
    }

    public async Task<bool> RoleExistsAsync(string role) =>
        await ScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname = $1", "postgres", role) is long and > 0;

    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_root is not null && _binaries is not null)
        {
            var data = Path.Combine(_root, "data");
            if (Directory.Exists(data))
            {
                RunRaw(Path.Combine(_binaries, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asServerUser: true);
            }

            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>initdb, pg_ctl and postgres from one directory: on PATH, else the newest /usr/lib/postgresql/*/bin.</summary>
    private static string FindBinaries()
    {
        if (FindOnPath("initdb") is { } initdb)
        {
            var directory = Path.GetDirectoryName(initdb)!;
            if (File.Exists(Path.Combine(directory, "pg_ctl")) && File.Exists(Path.Combine(directory, "postgres")))
            {
                return directory;
            }
        }

        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(c => File.Exists(Path.Combine(c.Bin, "initdb")) && File.Exists(Path.Combine(c.Bin, "pg_ctl")) && File.Exists(Path.Combine(c.Bin, "postgres")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Bin
            : throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH or in /usr/lib/postgresql/*/bin: install postgresql.");
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string[] arguments, bool asServerUser = true)
    {
        var result = RunRaw(file, arguments, asServerUser);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited {result.ExitCode}: {result.Output}");
        }
    }

    private static (int ExitCode, string Output) RunRaw(string file, string[] arguments, bool asServerUser)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath(),
        };
        if (asServerUser && IsRoot)
        {
            info.FileName = "runuser";
            foreach (var a in (string[])["-u", UnprivilegedUser, "--", file])
            {
                info.ArgumentList.Add(a);
            }
        }
        else
        {
            info.FileName = file;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
