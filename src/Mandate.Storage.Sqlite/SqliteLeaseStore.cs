using System.Text;
using System.Text.Json.Nodes;
using Mandate.Core.Audit;
using Mandate.Core.Leases;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteLeaseStore : ILeaseStore
{
    private const string Store = "lease store";
    private const string Columns =
        "id, kind, provider, capability, actor, session_id, mandate_jti, human, task_id, issued_at, expires_at, ttl_ticks, max_ttl_ticks, renewals, revoked_at, revocation_reason, details";

    private readonly Database _database;
    private readonly SqliteAuditLog _audit;

    public SqliteLeaseStore(Database database, SqliteAuditLog audit)
    {
        _database = database;
        _audit = audit;
    }

    public void Add(Lease lease, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(recorded);
        SqliteWrites.Write(_database, Store, tx =>
        {
            using var cmd = _database.Command($"""
                INSERT INTO leases ({Columns})
                VALUES ($id, $kind, $provider, $capability, $actor, $session, $jti, $human, $task, $iat, $exp, $ttl, $max, $renewals, $revoked, $reason, $details)
                """);
            cmd.Bind("$id", lease.Id);
            cmd.Bind("$kind", lease.Kind);
            cmd.Bind("$provider", lease.Provider);
            cmd.Bind("$capability", lease.Capability);
            cmd.Bind("$actor", lease.Actor);
            cmd.Bind("$session", lease.SessionId);
            cmd.Bind("$jti", lease.MandateJti);
            cmd.Bind("$human", lease.HumanEmail);
            cmd.Bind("$task", lease.TaskId);
            cmd.Bind("$iat", Time.Write(lease.IssuedAt));
            cmd.Bind("$exp", Time.Write(lease.ExpiresAt));
            cmd.Bind("$ttl", lease.Ttl.Ticks);
            cmd.Bind("$max", lease.MaxTtl.Ticks);
            cmd.Bind("$renewals", lease.Renewals);
            cmd.Bind("$revoked", lease.RevokedAt is { } at ? Time.Write(at) : null);
            cmd.Bind("$reason", lease.RevocationReason);
            cmd.Bind("$details", WriteDetails(lease.Details));
            cmd.Execute();
            _audit.Append(tx, [recorded]);
            return 0;
        });
    }

    public Lease? Find(string id) => List(new LeaseFilter { Id = id }).FirstOrDefault();

    public IReadOnlyList<Lease> List(LeaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var cmd = _database.Command("");
        cmd.Text = $"SELECT {Columns} FROM leases WHERE {Where(cmd, filter)} ORDER BY issued_at, id";
        return Read(cmd);
    }

    /// <summary>Active means not revoked and not expired at the time of <paramref name="recorded"/>, the service's "now".</summary>
    public bool Renew(string id, DateTimeOffset expiresAt, AuditRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return SqliteWrites.Write(_database, Store, tx =>
        {
            using var cmd = _database.Command("UPDATE leases SET expires_at = $exp, renewals = renewals + 1 WHERE id = $id AND revoked_at IS NULL AND expires_at > $now");
            cmd.Bind("$exp", Time.Write(expiresAt));
            cmd.Bind("$id", id);
            cmd.Bind("$now", Time.Write(recorded.Time));
            if (cmd.Execute() != 1)
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
        return SqliteWrites.Write(_database, Store, tx =>
        {
            using var cmd = _database.Command("UPDATE leases SET revoked_at = $at, revocation_reason = $reason WHERE id = $id AND revoked_at IS NULL");
            cmd.Bind("$at", Time.Write(at));
            cmd.Bind("$reason", reason);
            cmd.Bind("$id", id);
            if (cmd.Execute() != 1)
            {
                return false;
            }

            _audit.Append(tx, [recorded]);
            return true;
        });
    }

    private static string Where(Command cmd, LeaseFilter f)
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
            cmd.Bind("$f_actor", actor.TrimEnd('/'));
            cmd.Bind("$f_prefix", prefix);
        }

        if (f.ActiveAt is { } now)
        {
            sql.Append(" AND revoked_at IS NULL AND expires_at > $f_active");
            cmd.Bind("$f_active", Time.Write(now));
        }

        if (f.ExpiredAt is { } then)
        {
            sql.Append(" AND revoked_at IS NULL AND expires_at <= $f_expired");
            cmd.Bind("$f_expired", Time.Write(then));
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

    private static List<Lease> Read(Command cmd)
    {
        using var r = cmd.Query();
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
                SessionId = r.IsNull(5) ? null : r.GetString(5),
                MandateJti = r.GetString(6),
                HumanEmail = r.GetString(7),
                TaskId = r.GetString(8),
                IssuedAt = Time.Read(r.GetString(9)),
                ExpiresAt = Time.Read(r.GetString(10)),
                Ttl = TimeSpan.FromTicks(r.GetInt64(11)),
                MaxTtl = TimeSpan.FromTicks(r.GetInt64(12)),
                Renewals = r.GetInt32(13),
                RevokedAt = r.IsNull(14) ? null : Time.Read(r.GetString(14)),
                RevocationReason = r.IsNull(15) ? null : r.GetString(15),
                Details = ReadDetails(r.GetString(16)),
            });
        }

        return list;
    }
}
