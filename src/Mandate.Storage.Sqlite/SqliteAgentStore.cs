using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteAgentStore : IAgentStore
{
    private const string Columns = "id, spiffe_id, type, project, sponsor, model, provider, description, created_at, created_by, revoked_at, revocation_reason";
    private readonly Database _database;
    private readonly SqliteAuditLog _audit;

    public SqliteAgentStore(Database database, SqliteAuditLog audit)
    {
        _database = database;
        _audit = audit;
    }

    public void Add(Agent agent, AuditRecord recorded)
    {
        SqliteWrites.Write(_database, "agent store", tx =>
        {
            using var cmd = _database.Command($"INSERT INTO agents ({Columns}) VALUES ($id, $spiffe, $type, $project, $sponsor, $model, $provider, $description, $created, $by, NULL, NULL)");
            cmd.Bind("$id", agent.Id.Value);
            cmd.Bind("$spiffe", agent.SpiffeId);
            cmd.Bind("$type", agent.Type);
            cmd.Bind("$project", agent.Project);
            cmd.Bind("$sponsor", agent.Sponsor);
            cmd.Bind("$model", agent.Model);
            cmd.Bind("$provider", agent.Provider);
            cmd.Bind("$description", agent.Description);
            cmd.Bind("$created", Time.Write(agent.CreatedAt));
            cmd.Bind("$by", agent.CreatedBy);
            cmd.Execute();
            _audit.Append(tx, [recorded]);
            return true;
        });
    }

    public Agent? Find(AgentId id) => Query($"SELECT {Columns} FROM agents WHERE id = $p", id.Value).FirstOrDefault();

    public Agent? FindBySpiffeId(string spiffeId) => Query($"SELECT {Columns} FROM agents WHERE spiffe_id = $p", spiffeId).FirstOrDefault();

    public IReadOnlyList<string> SpiffeIdsStartingWith(string prefix) =>
        Query($"SELECT {Columns} FROM agents WHERE substr(spiffe_id, 1, length($p)) = $p", prefix).Select(a => a.SpiffeId).ToList();

    public IReadOnlyList<Agent> List() => Query($"SELECT {Columns} FROM agents ORDER BY created_at, id", null);

    public bool Revoke(AgentId id, DateTimeOffset at, string reason, AuditRecord recorded) => SqliteWrites.Write(_database, "agent store", tx =>
    {
        using var cmd = _database.Command("UPDATE agents SET revoked_at = $at, revocation_reason = $reason WHERE id = $id AND revoked_at IS NULL");
        cmd.Bind("$at", Time.Write(at));
        cmd.Bind("$reason", reason);
        cmd.Bind("$id", id.Value);
        if (cmd.Execute() == 0)
        {
            return false;
        }

        _audit.Append(tx, [recorded]);
        return true;
    });


    private List<Agent> Query(string sql, string? parameter)
    {
        using var cmd = _database.Command(sql);
        if (parameter is not null)
        {
            cmd.Bind("$p", parameter);
        }

        using var r = cmd.Query();
        var list = new List<Agent>();
        while (r.Read())
        {
            list.Add(new Agent
            {
                Id = new AgentId(r.GetString(0)),
                SpiffeId = r.GetString(1),
                Type = r.GetString(2),
                Project = r.GetString(3),
                Sponsor = r.GetString(4),
                Model = r.IsNull(5) ? null : r.GetString(5),
                Provider = r.IsNull(6) ? null : r.GetString(6),
                Description = r.IsNull(7) ? null : r.GetString(7),
                CreatedAt = Time.Read(r.GetString(8)),
                CreatedBy = r.GetString(9),
                RevokedAt = r.IsNull(10) ? null : Time.Read(r.GetString(10)),
                RevocationReason = r.IsNull(11) ? null : r.GetString(11),
            });
        }

        return list;
    }
}
