using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteProviderStore : IProviderStore
{
    private readonly Database _database;
    private readonly SqliteAuditLog _audit;

    public SqliteProviderStore(Database database, SqliteAuditLog audit)
    {
        _database = database;
        _audit = audit;
    }

    public bool Add(StoredProvider provider, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(recorded);
        return SqliteWrites.Write(_database, "provider store", tx =>
        {
            using var cmd = _database.Command("INSERT INTO providers (name, kind, config, created_at) VALUES ($name, $kind, $config, $at) ON CONFLICT (name) DO NOTHING");
            cmd.Bind("$name", provider.Name);
            cmd.Bind("$kind", provider.Kind);
            cmd.Bind("$config", provider.Config.ToArray());
            cmd.Bind("$at", Time.Write(provider.CreatedAt));
            if (cmd.Execute() != 1)
            {
                return false;
            }

            _audit.Append(tx, [recorded]);
            return true;
        });
    }

    public StoredProvider? Find(string name)
    {
        using var cmd = _database.Command("SELECT name, kind, config, created_at FROM providers WHERE name = $name");
        cmd.Bind("$name", name);
        return Read(cmd).FirstOrDefault();
    }

    public IReadOnlyList<StoredProvider> List()
    {
        using var cmd = _database.Command("SELECT name, kind, config, created_at FROM providers ORDER BY name");
        return Read(cmd);
    }

    private static List<StoredProvider> Read(Command cmd)
    {
        using var r = cmd.Query();
        var list = new List<StoredProvider>();
        while (r.Read())
        {
            list.Add(new StoredProvider(r.GetString(0), r.GetString(1), r.GetBytes(2), Time.Read(r.GetString(3))));
        }

        return list;
    }
}
