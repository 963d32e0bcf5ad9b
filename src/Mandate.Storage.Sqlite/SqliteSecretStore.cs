using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteSecretStore : ISecretStore
{
    private readonly Database _database;
    private readonly SqliteAuditLog _audit;

    public SqliteSecretStore(Database database, SqliteAuditLog audit)
    {
        _database = database;
        _audit = audit;
    }

    public void Put(string name, ReadOnlyMemory<byte> ciphertext, DateTimeOffset at, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        SqliteWrites.Write(_database, "secret store", tx =>
        {
            using var cmd = _database.Command("""
                INSERT INTO secrets (name, ciphertext, created_at, updated_at) VALUES ($name, $ct, $at, $at)
                ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at
                """);
            cmd.Bind("$name", name);
            cmd.Bind("$ct", ciphertext.ToArray());
            cmd.Bind("$at", Time.Write(at));
            cmd.Execute();
            _audit.Append(tx, [recorded]);
            return 0;
        });
    }

    public StoredSecret? Find(string name)
    {
        using var cmd = _database.Command("SELECT name, ciphertext, created_at, updated_at FROM secrets WHERE name = $name");
        cmd.Bind("$name", name);
        return Read(cmd).FirstOrDefault();
    }

    public IReadOnlyList<StoredSecret> List()
    {
        using var cmd = _database.Command("SELECT name, ciphertext, created_at, updated_at FROM secrets ORDER BY name");
        return Read(cmd);
    }

    private static List<StoredSecret> Read(Command cmd)
    {
        using var r = cmd.Query();
        var list = new List<StoredSecret>();
        while (r.Read())
        {
            list.Add(new StoredSecret(r.GetString(0), r.GetBytes(1), Time.Read(r.GetString(2)), Time.Read(r.GetString(3))));
        }

        return list;
    }
}
