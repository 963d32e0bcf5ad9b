using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteAgentStore : IAgentStore
{
    private const string Columns = "id, spiffe_id, type, project, sponsor, model, provider, description, created_at, created_by, revoked_at, revocation_reason";
    private readonly SqliteConnection _connection;
    private readonly SqliteAuditLog _audit;

    public SqliteAgentStore(SqliteConnection connection, SqliteAuditLog audit)
    {
        _connection = connection;
        _audit = audit;
    }

    public void Add(Agent agent, AuditRecord recorded)
    {
        SqliteWrites.Write(_connection, "agent store", tx =>
        {
            using var cmd = SqliteWrites.Command(_connection, $"INSERT INTO agents ({Columns}) VALUES ($id, $spiffe, $type, $project, $sponsor, $model, $provider, $description, $created, $by, NULL, NULL)", tx);
            cmd.Parameters.AddWithValue("$id", agent.Id.Value);
            cmd.Parameters.AddWithValue("$spiffe", agent.SpiffeId);
            cmd.Parameters.AddWithValue("$type", agent.Type);
            cmd.Parameters.AddWithValue("$project", agent.Project);
            cmd.Parameters.AddWithValue("$sponsor", agent.Sponsor);
            cmd.Parameters.AddWithValue("$model", (object?)agent.Model ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$provider", (object?)agent.Provider ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$description", (object?)agent.Description ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$created", Time.Write(agent.CreatedAt));
            cmd.Parameters.AddWithValue("$by", agent.CreatedBy);
            cmd.ExecuteNonQuery();
            _audit.Append(tx, [recorded]);
            return true;
        });
    }

    public Agent? Find(AgentId id) => Query($"SELECT {Columns} FROM agents WHERE id = $p", id.Value).FirstOrDefault();

    public Agent? FindBySpiffeId(string spiffeId) => Query($"SELECT {Columns} FROM agents WHERE spiffe_id = $p", spiffeId).FirstOrDefault();

    public IReadOnlyList<string> SpiffeIdsStartingWith(string prefix) =>
        Query($"SELECT {Columns} FROM agents WHERE substr(spiffe_id, 1, length($p)) = $p", prefix).Select(a => a.SpiffeId).ToList();

    public IReadOnlyList<Agent> List() => Query($"SELECT {Columns} FROM agents ORDER BY created_at, id", null);

    public bool Revoke(AgentId id, DateTimeOffset at, string reason, AuditRecord recorded) => SqliteWrites.Write(_connection, "agent store", tx =>
    {
        using var cmd = SqliteWrites.Command(_connection, "UPDATE agents SET revoked_at = $at, revocation_reason = $reason WHERE id = $id AND revoked_at IS NULL", tx);
        cmd.Parameters.AddWithValue("$at", Time.Write(at));
        cmd.Parameters.AddWithValue("$reason", reason);
        cmd.Parameters.AddWithValue("$id", id.Value);
        if (cmd.ExecuteNonQuery() == 0)
        {
            return false;
        }

        _audit.Append(tx, [recorded]);
        return true;
    });


    private List<Agent> Query(string sql, string? parameter)
    {
        using var cmd = SqliteWrites.Command(_connection, sql, null);
        if (parameter is not null)
        {
            cmd.Parameters.AddWithValue("$p", parameter);
        }

        using var r = cmd.ExecuteReader();
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
                Model = r.IsDBNull(5) ? null : r.GetString(5),
                Provider = r.IsDBNull(6) ? null : r.GetString(6),
                Description = r.IsDBNull(7) ? null : r.GetString(7),
                CreatedAt = Time.Read(r.GetString(8)),
                CreatedBy = r.GetString(9),
                RevokedAt = r.IsDBNull(10) ? null : Time.Read(r.GetString(10)),
                RevocationReason = r.IsDBNull(11) ? null : r.GetString(11),
            });
        }

        return list;
    }
}
