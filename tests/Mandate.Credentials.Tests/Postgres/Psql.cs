using System.Diagnostics;

namespace Mandate.Credentials.Tests.Postgres;

/// <summary>The real psql client, given the password in its environment only (never on its command line).</summary>
internal static class Psql
{
    public static ProcessStartInfo StartInfo(PostgresServer server, string user, string password, string database, params string[] arguments)
    {
        var info = new ProcessStartInfo(server.Psql)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["PGPASSWORD"] = password;
        info.Environment["PGCONNECT_TIMEOUT"] = "10";
        info.Environment["LC_ALL"] = "C";
        foreach (var argument in (string[])["-X", "-w", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", user, "-d", database])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Runs one command (<c>-c</c>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(PostgresServer server, string user, string password, string database, string sql)
    {
        using var process = Process.Start(StartInfo(server, user, password, database, "-c", sql))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    /// <summary>
    /// Runs psql on a libpq URI: the password is taken out of the URI and handed over in PGPASSWORD, so that it is
    /// never on a command line; the rest of the URI (user, host, port, database) goes to psql as it is.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunUriAsync(PostgresServer server, string uri, string sql)
    {
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        var colon = uri.IndexOf(':', "postgresql://".Length);
        Assert.True(uri.StartsWith("postgresql://", StringComparison.Ordinal) && colon > 0 && colon < at, "not a postgresql://user:password@… URI");
        var password = Uri.UnescapeDataString(uri[(colon + 1)..at]);
        var withoutPassword = uri[..colon] + uri[at..];
        var info = StartInfo(server, "-", password, "-");
        info.ArgumentList.Clear();
        foreach (var argument in (string[])["-X", "-w", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", withoutPassword, "-c", sql])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}
