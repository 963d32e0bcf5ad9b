using System.Text;
using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteMandateStore : IMandateRecordStore
{
    private const string Columns = "jti, parent_jti, actor, agent_id, human, task_id, purpose, scope, depth, issued_at, expires_at, token_sha256, revoked_at, revocation_reason";
    private readonly SqliteConnection _connection;
    private readonly SqliteAuditLog _audit;

    public SqliteMandateStore(SqliteConnection connection, SqliteAuditLog audit)
    {
        _connection = connection;
        _audit = audit;
    }

    public void Add(MandateRecord m, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(m);
        SqliteWrites.Write(_connection, "mandate store", tx =>
        {
            using var cmd = SqliteWrites.Command(_connection, $"INSERT INTO mandates ({Columns}) VALUES ($jti, $parent, $actor, $agent, $human, $task, $purpose, $scope, $depth, $iat, $exp, $sha, NULL, NULL)", tx);
            cmd.Parameters.AddWithValue("$jti", m.Jti);
            cmd.Parameters.AddWithValue("$parent", (object?)m.ParentJti ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$actor", m.Actor);
            cmd.Parameters.AddWithValue("$agent", (object?)m.AgentId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$human", m.HumanEmail);
            cmd.Parameters.AddWithValue("$task", m.TaskId);
            cmd.Parameters.AddWithValue("$purpose", m.Purpose);
            cmd.Parameters.AddWithValue("$scope", m.Scope);
            cmd.Parameters.AddWithValue("$depth", m.Depth);
            cmd.Parameters.AddWithValue("$iat", Time.Write(m.IssuedAt));
            cmd.Parameters.AddWithValue("$exp", Time.Write(m.ExpiresAt));
            cmd.Parameters.AddWithValue("$sha", m.TokenSha256);
            cmd.ExecuteNonQuery();
            _audit.Append(tx, [recorded]);
            return 0;
        });
    }

    public MandateRecord? Find(string jti) => List(new MandateFilter { Jti = jti }).FirstOrDefault();

    public bool IsRevoked(string jti)
    {
        using var cmd = SqliteWrites.Command(_connection, "SELECT revoked_at IS NOT NULL FROM mandates WHERE jti = $jti", null);
        cmd.Parameters.AddWithValue("$jti", jti);
        return cmd.ExecuteScalar() is long revoked && revoked == 1;
    }

    public IReadOnlyList<MandateRecord> List(MandateFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var cmd = SqliteWrites.Command(_connection, "", null);
        cmd.CommandText = $"SELECT {Columns} FROM mandates WHERE {Where(cmd, filter)} ORDER BY issued_at, jti";
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

        return SqliteWrites.Write(_connection, "mandate store", tx =>
        {
            // The matching mandates and, recursively, everything delegated from them.
            using var select = SqliteWrites.Command(_connection, "", tx);
            select.CommandText = $"""
                WITH RECURSIVE doomed(jti) AS (
                    SELECT jti FROM mandates WHERE {Where(select, filter with { ActiveAt = null })}
                    UNION SELECT m.jti FROM mandates m JOIN doomed d ON m.parent_jti = d.jti
                )
                SELECT {Columns} FROM mandates WHERE jti IN (SELECT jti FROM doomed) AND revoked_at IS NULL ORDER BY depth, jti
                """;
            var revoked = Read(select);
            using var update = SqliteWrites.Command(_connection, "UPDATE mandates SET revoked_at = $at, revocation_reason = $reason WHERE jti = $jti", tx);
            update.Parameters.AddWithValue("$at", Time.Write(at));
            update.Parameters.AddWithValue("$reason", reason);
            var jti = update.Parameters.Add("$jti", SqliteType.Text);
            foreach (var m in revoked)
            {
                jti.Value = m.Jti;
                update.ExecuteNonQuery();
            }

            var result = revoked.Select(m => m with { RevokedAt = at, RevocationReason = reason }).ToList();
            if (result.Count > 0)
            {
                _audit.Append(tx, [.. result.Select(record)]);
            }

            return result;
        });
    }

    private static string Where(SqliteCommand cmd, MandateFilter f)
    {
        var sql = new StringBuilder("1 = 1");
        void Add(string column, string name, string? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(column).Append(" = $").Append(name);
                cmd.Parameters.AddWithValue("$" + name, value);
            }
        }

        Add("jti", "f_jti", f.Jti);
        Add("task_id", "f_task", f.TaskId);
        Add("agent_id", "f_agent", f.AgentId);
        Add("human", "f_human", f.HumanEmail);
        if (f.ActiveAt is { } now)
        {
            sql.Append(" AND revoked_at IS NULL AND expires_at > $f_now");
            cmd.Parameters.AddWithValue("$f_now", Time.Write(now));
        }

        return sql.ToString();
    }


    private static List<MandateRecord> Read(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<MandateRecord>();
        while (r.Read())
        {
            list.Add(new MandateRecord
            {
                Jti = r.GetString(0),
                ParentJti = r.IsDBNull(1) ? null : r.GetString(1),
                Actor = r.GetString(2),
                AgentId = r.IsDBNull(3) ? null : r.GetString(3),
                HumanEmail = r.GetString(4),
                TaskId = r.GetString(5),
                Purpose = r.GetString(6),
                Scope = r.GetString(7),
                Depth = r.GetInt32(8),
                IssuedAt = Time.Read(r.GetString(9)),
                ExpiresAt = Time.Read(r.GetString(10)),
                TokenSha256 = r.GetString(11),
                RevokedAt = r.IsDBNull(12) ? null : Time.Read(r.GetString(12)),
                RevocationReason = r.IsDBNull(13) ? null : r.GetString(13),
            });
        }

        return list;
    }
}
