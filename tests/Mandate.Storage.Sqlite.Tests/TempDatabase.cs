using Mandate.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite.Tests;

/// <summary>A database file in its own temporary folder, deleted with it.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mandate-sqlite-").FullName;
        Path = System.IO.Path.Combine(Directory, "mandate.db");
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>The audit keys every store opened on this database shares, as one home's would.</summary>
    public AuditKeys Keys { get; } = AuditKeys.Ephemeral("acme.dev");

    public SqliteStore Open() => SqliteStore.Open(Path, Keys);

    /// <summary>A raw connection of its own, as a second process or a person with the sqlite3 shell would have.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = OpenRaw();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Execute(string sql)
    {
        using var connection = OpenRaw();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Keys.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
