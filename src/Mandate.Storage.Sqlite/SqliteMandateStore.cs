using System.Text;
using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteMandateStore : IMandateRecordStore
{
    private const string Columns = "jti, parent_jti, actor, agent_id, human, task_id, purpose, scope, depth, issued_at, expires_at, token_sha256, revoked_at, revocation_reason";
    private readonly Database _database;
    private readonly SqliteAuditLog _audit;

    public SqliteMandateStore(Database database, SqliteAuditLog audit)
    {
        _database = database;
        _audit = audit;
    }

    public void Add(MandateRecord m, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(m);
        SqliteWrites.Write(_database, "mandate store", tx =>
        {
            using var cmd = _database.Command($"INSERT INTO mandates ({Columns}) VALUES ($jti, $parent, $actor, $agent, $human, $task, $purpose, $scope, $depth, $iat, $exp, $sha, NULL, NULL)");
            cmd.Bind("$jti", m.Jti);
            cmd.Bind("$parent", m.ParentJti);
            cmd.Bind("$actor", m.Actor);
            cmd.Bind("$agent", m.AgentId);
            cmd.Bind("$human", m.HumanEmail);
            cmd.Bind("$task", m.TaskId);
            cmd.Bind("$purpose", m.Purpose);
            cmd.Bind("$scope", m.Scope);
            cmd.Bind("$depth", m.Depth);
            cmd.Bind("$iat", Time.Write(m.IssuedAt));
            cmd.Bind("$exp", Time.Write(m.ExpiresAt));
            cmd.Bind("$sha", m.TokenSha256);
            cmd.Execute();
            _audit.Append(tx, [recorded]);
            return 0;
        });
    }

    public MandateRecord? Find(string jti) => List(new MandateFilter { Jti = jti }).FirstOrDefault();

    public bool IsRevoked(string jti)
    {
        using var cmd = _database.Command("SELECT revoked_at IS NOT NULL FROM mandates WHERE jti = $jti");
        cmd.Bind("$jti", jti);
        return cmd.Scalar() is long revoked && revoked == 1;
    }

    public IReadOnlyList<MandateRecord> List(MandateFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var cmd = _database.Command("");
        cmd.Text = $"SELECT {Columns} FROM mandates WHERE {Where(cmd, filter)} ORDER BY issued_at, jti";
        return Read(cmd);
    }

    public IReadOnlyList<MandateRecord> Revoke(MandateFilter filter, DateTimeOffset at, string reason, Func<MandateRecord, AuditRecord> record)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(record);
        if (filter.IsEmpty)
        {
            throw new ArgumentException("A revocation names at least one mandate, task, agent or human.", nameof(filter));
        }

        return SqliteWrites.Write(_database, "mandate store", tx =>
        {
            // The matching mandates and, recursively, everything delegated from them.
            using var select = _database.Command("");
            select.Text = $"""
                WITH RECURSIVE doomed(jti) AS (
                    SELECT jti FROM mandates WHERE {Where(select, filter with { ActiveAt = null })}
                    UNION SELECT m.jti FROM mandates m JOIN doomed d ON m.parent_jti = d.jti
                )
                SELECT {Columns} FROM mandates WHERE jti IN (SELECT jti FROM doomed) AND revoked_at IS NULL ORDER BY depth, jti
                """;
            var revoked = Read(select);
            using var update = _database.Command("UPDATE mandates SET revoked_at = $at, revocation_reason = $reason WHERE jti = $jti");
            update.Bind("$at", Time.Write(at));
            update.Bind("$reason", reason);
            foreach (var m in revoked)
            {
                update.Bind("$jti", m.Jti);
                update.Execute();
            }

            var result = revoked.Select(m => m with { RevokedAt = at, RevocationReason = reason }).ToList();
            if (result.Count > 0)
            {
                _audit.Append(tx, [.. result.Select(record)]);
            }

            return result;
        });
    }

    private static string Where(Command cmd, MandateFilter f)
    {
        var sql = new StringBuilder("1 = 1");
        void Add(string column, string name, string? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(column).Append(" = $").Append(name);
                cmd.Bind("$" + name, value);
            }
        }

        Add("jti", "f_jti", f.Jti);
        Add("task_id", "f_task", f.TaskId);
        Add("agent_id", "f_agent", f.AgentId);
        Add("human", "f_human", f.HumanEmail);
        if (f.ActiveAt is { } now)
        {
            sql.Append(" AND revoked_at IS NULL AND expires_at > $f_now");
            cmd.Bind("$f_now", Time.Write(now));
        }

        return sql.ToString();
    }


    private static List<MandateRecord> Read(Command cmd)
    {
        using var r = cmd.Query();
        var list = new List<MandateRecord>();
        while (r.Read())
        {
            list.Add(new MandateRecord
            {
                Jti = r.GetString(0),
                ParentJti = r.IsNull(1) ? null : r.GetString(1),
                Actor = r.GetString(2),
                AgentId = r.IsNull(3) ? null : r.GetString(3),
                HumanEmail = r.GetString(4),
                TaskId = r.GetString(5),
                Purpose = r.GetString(6),
                Scope = r.GetString(7),
                Depth = r.GetInt32(8),
                IssuedAt = Time.Read(r.GetString(9)),
                ExpiresAt = Time.Read(r.GetString(10)),
                TokenSha256 = r.GetString(11),
                RevokedAt = r.IsNull(12) ? null : Time.Read(r.GetString(12)),
                RevocationReason = r.IsNull(13) ? null : r.GetString(13),
            });
        }

        return list;
    }
}
