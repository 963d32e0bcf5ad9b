using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteSecretStore : ISecretStore
{
    private readonly SqliteConnection _connection;
    private readonly SqliteAuditLog _audit;

    public SqliteSecretStore(SqliteConnection connection, SqliteAuditLog audit)
    {
        _connection = connection;
        _audit = audit;
    }

    public void Put(string name, ReadOnlyMemory<byte> ciphertext, DateTimeOffset at, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        SqliteWrites.Write(_connection, "secret store", tx =>
        {
            using var cmd = SqliteWrites.Command(
                _connection,
                """
                INSERT INTO secrets (name, ciphertext, created_at, updated_at) VALUES ($name, $ct, $at, $at)
                ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at
                """,
                tx);
            cmd.Parameters.AddWithValue("$name", name);
            cmd.Parameters.AddWithValue("$ct", ciphertext.ToArray());
            cmd.Parameters.AddWithValue("$at", Time.Write(at));
            cmd.ExecuteNonQuery();
            _audit.Append(tx, [recorded]);
            return 0;
        });
    }

    public StoredSecret? Find(string name)
    {
        using var cmd = SqliteWrites.Command(_connection, "SELECT name, ciphertext, created_at, updated_at FROM secrets WHERE name = $name", null);
        cmd.Parameters.AddWithValue("$name", name);
        return Read(cmd).FirstOrDefault();
    }

    public IReadOnlyList<StoredSecret> List()
    {
        using var cmd = SqliteWrites.Command(_connection, "SELECT name, ciphertext, created_at, updated_at FROM secrets ORDER BY name", null);
        return Read(cmd);
    }

    private static List<StoredSecret> Read(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<StoredSecret>();
        while (r.Read())
        {
            list.Add(new StoredSecret(r.GetString(0), (byte[])r.GetValue(1), Time.Read(r.GetString(2)), Time.Read(r.GetString(3))));
        }

        return list;
    }
}
