using System.Text;
using System.Text.Json.Nodes;
using Mandate.Core.Audit;
using Mandate.Core.Leases;
using Mandate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteLeaseStore : ILeaseStore
{
    private const string Store = "lease store";
    private const string Columns =
        "id, kind, provider, capability, actor, session_id, mandate_jti, human, task_id, issued_at, expires_at, ttl_ticks, max_ttl_ticks, renewals, revoked_at, revocation_reason, details";

    private readonly SqliteConnection _connection;
    private readonly SqliteAuditLog _audit;

    public SqliteLeaseStore(SqliteConnection connection, SqliteAuditLog audit)
    {
        _connection = connection;
        _audit = audit;
    }

    public void Add(Lease lease, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(recorded);
        SqliteWrites.Write(_connection, Store, tx =>
        {
            using var cmd = SqliteWrites.Command(
                _connection,
                $"""
                INSERT INTO leases ({Columns})
                VALUES ($id, $kind, $provider, $capability, $actor, $session, $jti, $human, $task, $iat, $exp, $ttl, $max, $renewals, $revoked, $reason, $details)
                """,
                tx);
            var p = cmd.Parameters;
            p.AddWithValue("$id", lease.Id);
            p.AddWithValue("$kind", lease.Kind);
            p.AddWithValue("$provider", lease.Provider);
            p.AddWithValue("$capability", lease.Capability);
            p.AddWithValue("$actor", lease.Actor);
            p.AddWithValue("$session", (object?)lease.SessionId ?? DBNull.Value);
            p.AddWithValue("$jti", lease.MandateJti);
            p.AddWithValue("$human", lease.HumanEmail);
            p.AddWithValue("$task", lease.TaskId);
            p.AddWithValue("$iat", Time.Write(lease.IssuedAt));
            p.AddWithValue("$exp", Time.Write(lease.ExpiresAt));
            p.AddWithValue("$ttl", lease.Ttl.Ticks);
            p.AddWithValue("$max", lease.MaxTtl.Ticks);
            p.AddWithValue("$renewals", lease.Renewals);
            p.AddWithValue("$revoked", lease.RevokedAt is { } at ? Time.Write(at) : DBNull.Value);
            p.AddWithValue("$reason", (object?)lease.RevocationReason ?? DBNull.Value);
            p.AddWithValue("$details", WriteDetails(lease.Details));
            cmd.ExecuteNonQuery();
            _audit.Append(tx, [recorded]);
            return 0;
        });
    }

    public Lease? Find(string id) => List(new LeaseFilter { Id = id }).FirstOrDefault();

    public IReadOnlyList<Lease> List(LeaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var cmd = SqliteWrites.Command(_connection, "", null);
        cmd.CommandText = $"SELECT {Columns} FROM leases WHERE {Where(cmd, filter)} ORDER BY issued_at, id";
        return Read(cmd);
    }

    /// <summary>Active means not revoked and not expired at the time of <paramref name="recorded"/>, the service's "now".</summary>
    public bool Renew(string id, DateTimeOffset expiresAt, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return SqliteWrites.Write(_connection, Store, tx =>
        {
            using var cmd = SqliteWrites.Command(
                _connection,
                "UPDATE leases SET expires_at = $exp, renewals = renewals + 1 WHERE id = $id AND revoked_at IS NULL AND expires_at > $now",
                tx);
            cmd.Parameters.AddWithValue("$exp", Time.Write(expiresAt));
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$now", Time.Write(recorded.Time));
            if (cmd.ExecuteNonQuery() != 1)
            {
                return false;
            }

            _audit.Append(tx, [recorded]);
            return true;
        });
    }

    public bool MarkRevoked(string id, DateTimeOffset at, string reason, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return SqliteWrites.Write(_connection, Store, tx =>
        {
            using var cmd = SqliteWrites.Command(
                _connection,
                "UPDATE leases SET revoked_at = $at, revocation_reason = $reason WHERE id = $id AND revoked_at IS NULL",
                tx);
            cmd.Parameters.AddWithValue("$at", Time.Write(at));
            cmd.Parameters.AddWithValue("$reason", reason);
            cmd.Parameters.AddWithValue("$id", id);
            if (cmd.ExecuteNonQuery() != 1)
            {
                return false;
            }

            _audit.Append(tx, [recorded]);
            return true;
        });
    }

    private static string Where(SqliteCommand cmd, LeaseFilter f)
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

        Add("id", "f_id", f.Id);
        Add("task_id", "f_task", f.TaskId);
        Add("mandate_jti", "f_jti", f.MandateJti);
        Add("session_id", "f_session", f.SessionId);
        Add("kind", "f_kind", f.Kind);
        if (f.Actor is { } actor)
        {
            // The actor itself, or anything under it: an agent's SPIFFE ID also names its sessions. No LIKE, so no wildcard in an id matters.
            var prefix = actor.EndsWith('/') ? actor : actor + "/";
            sql.Append(" AND (actor = $f_actor OR substr(actor, 1, length($f_prefix)) = $f_prefix)");
            cmd.Parameters.AddWithValue("$f_actor", actor.TrimEnd('/'));
            cmd.Parameters.AddWithValue("$f_prefix", prefix);
        }

        if (f.ActiveAt is { } now)
        {
            sql.Append(" AND revoked_at IS NULL AND expires_at > $f_active");
            cmd.Parameters.AddWithValue("$f_active", Time.Write(now));
        }

        if (f.ExpiredAt is { } then)
        {
            sql.Append(" AND revoked_at IS NULL AND expires_at <= $f_expired");
            cmd.Parameters.AddWithValue("$f_expired", Time.Write(then));
        }

        return sql.ToString();
    }

    private static string WriteDetails(IReadOnlyDictionary<string, string> details)
    {
        var o = new JsonObject();
        foreach (var (key, value) in details.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            o[key] = value;
        }

        return o.ToJsonString();
    }

    private static Dictionary<string, string> ReadDetails(string json)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonNode.Parse(json) is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                details[key] = value?.GetValue<string>() ?? "";
            }
        }

        return details;
    }

    private static List<Lease> Read(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<Lease>();
        while (r.Read())
        {
            list.Add(new Lease
            {
                Id = r.GetString(0),
                Kind = r.GetString(1),
                Provider = r.GetString(2),
                Capability = r.GetString(3),
                Actor = r.GetString(4),
                SessionId = r.IsDBNull(5) ? null : r.GetString(5),
                MandateJti = r.GetString(6),
                HumanEmail = r.GetString(7),
                TaskId = r.GetString(8),
                IssuedAt = Time.Read(r.GetString(9)),
                ExpiresAt = Time.Read(r.GetString(10)),
                Ttl = TimeSpan.FromTicks(r.GetInt64(11)),
                MaxTtl = TimeSpan.FromTicks(r.GetInt64(12)),
                Renewals = r.GetInt32(13),
                RevokedAt = r.IsDBNull(14) ? null : Time.Read(r.GetString(14)),
                RevocationReason = r.IsDBNull(15) ? null : r.GetString(15),
                Details = ReadDetails(r.GetString(16)),
            });
        }

        return list;
    }
}
