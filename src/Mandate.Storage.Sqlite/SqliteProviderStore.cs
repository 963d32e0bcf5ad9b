using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteProviderStore : IProviderStore
{
    private readonly SqliteConnection _connection;
    private readonly SqliteAuditLog _audit;

    public SqliteProviderStore(SqliteConnection connection, SqliteAuditLog audit)
    {
        _connection = connection;
        _audit = audit;
    }

    public bool Add(StoredProvider provider, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(recorded);
        return SqliteWrites.Write(_connection, "provider store", tx =>
        {
            using var cmd = SqliteWrites.Command(
                _connection,
                "INSERT INTO providers (name, kind, config, created_at) VALUES ($name, $kind, $config, $at) ON CONFLICT (name) DO NOTHING",
                tx);
            cmd.Parameters.AddWithValue("$name", provider.Name);
            cmd.Parameters.AddWithValue("$kind", provider.Kind);
            cmd.Parameters.AddWithValue("$config", provider.Config.ToArray());
            cmd.Parameters.AddWithValue("$at", Time.Write(provider.CreatedAt));
            if (cmd.ExecuteNonQuery() != 1)
            {
                return false;
            }

            _audit.Append(tx, [recorded]);
            return true;
        });
    }

    public StoredProvider? Find(string name)
    {
        using var cmd = SqliteWrites.Command(_connection, "SELECT name, kind, config, created_at FROM providers WHERE name = $name", null);
        cmd.Parameters.AddWithValue("$name", name);
        return Read(cmd).FirstOrDefault();
    }

    public IReadOnlyList<StoredProvider> List()
    {
        using var cmd = SqliteWrites.Command(_connection, "SELECT name, kind, config, created_at FROM providers ORDER BY name", null);
        return Read(cmd);
    }

    private static List<StoredProvider> Read(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<StoredProvider>();
        while (r.Read())
        {
            list.Add(new StoredProvider(r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), Time.Read(r.GetString(3))));
        }

        return list;
    }
}
