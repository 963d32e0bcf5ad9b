using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.Postgres.Internal;
using Npgsql;

namespace Mandate.Credentials.Postgres;

public sealed partial class PostgresProvider
{
    /// <summary>How long revocation waits for each terminated session to end (PostgreSQL 14 and later).</summary>
    private const int TerminateTimeoutMilliseconds = 5000;

    public Outcome<bool> Renew(Lease lease, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var role = LeaseRole(lease);
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        try
        {
            using var connection = Open(null);
            Execute(connection, null, $"ALTER ROLE {Quote(role.Value)} VALID UNTIL '{ValidUntil(expiresAt)}'");
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedObject)
        {
            return new MandateError(ErrorCodes.PostgresRoleGone, $"The role of lease {lease.Id} no longer exists on '{Name}'.",
                "The lease was revoked at the server; issue a new one.");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return PostgresFailure.From(e, ErrorCodes.PostgresRenewFailed, $"Renewing lease {lease.Id}", Name, role.Value);
        }
    }

    /// <summary>
    /// Closes the role to new logins, terminates its sessions in every database, removes what it owns or was
    /// granted and drops it. True when a role was dropped, false when it was already gone.
    /// </summary>
    public Outcome<bool> Revoke(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var role = LeaseRole(lease);
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        lease.Details.TryGetValue(DatabaseDetail, out var database);
        try
        {
            using var connection = OpenForRevoke(database, out var inLeaseDatabase);
            if (!RoleExists(connection, role.Value))
            {
                return false;
            }

            var quoted = Quote(role.Value);

            // First no new logins (committed), then end the open sessions: in the other order a client could log in
            // between. The rest is one transaction: one commit to wait for, and a failure leaves the role as it was.
            Execute(connection, null, $"ALTER ROLE {quoted} NOLOGIN");
            TerminateSessions(connection, role.Value);
            try
            {
                using var transaction = connection.BeginTransaction();
                if (inLeaseDatabase && database is not null)
                {
                    Execute(connection, transaction,
                        $"REVOKE CONNECT ON DATABASE {Quote(database)} FROM {quoted}; REASSIGN OWNED BY {quoted} TO CURRENT_USER; DROP OWNED BY {quoted}");
                }

                Execute(connection, transaction, $"DROP ROLE IF EXISTS {quoted}");
                transaction.Commit();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DependentObjectsStillExist)
            {
                // The role holds something in another database (granted by hand, say): clean every database.
                Execute(connection, null, $"REASSIGN OWNED BY {quoted} TO CURRENT_USER; DROP OWNED BY {quoted}");
                DropOwnedEverywhere(connection, quoted);
                Execute(connection, null, $"DROP ROLE IF EXISTS {quoted}");
            }

            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return PostgresFailure.From(e, ErrorCodes.PostgresRevokeFailed, $"Revoking lease {lease.Id}", Name, role.Value);
        }
    }

    public void Dispose()
    {
        lock (_sourcesLock)
        {
            _disposed = true;
            foreach (var source in _sources.Values)
            {
                source.Dispose();
            }

            _sources.Clear();
        }
    }

    /// <summary>Only ever touches a role this provider names: a lease record cannot make it drop another role.</summary>
    private static Outcome<string> LeaseRole(Lease lease) =>
        lease.Details.TryGetValue(UsernameDetail, out var role) && RolePattern().IsMatch(role)
            ? role
            : new MandateError(ErrorCodes.PostgresRequestInvalid, $"Lease {lease.Id} does not name a Mandate role (mandate_ and 12 hex digits).",
                "The lease record is not one this provider issued; nothing was changed at the server.");

    private NpgsqlConnection OpenForRevoke(string? database, out bool inLeaseDatabase)
    {
        if (database is not null && DatabasePattern().IsMatch(database))
        {
            try
            {
                inLeaseDatabase = true;
                return Open(database);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // The database was dropped, and what the role had in it with it.
            }
        }

        inLeaseDatabase = false;
        return Open(null);
    }

    private static bool RoleExists(NpgsqlConnection connection, string role)
    {
        using var command = new NpgsqlCommand("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        return command.ExecuteScalar() is not null;
    }

    private static void TerminateSessions(NpgsqlConnection connection, string role)
    {
        var sql = connection.PostgreSqlVersion.Major >= 14
            ? $"SELECT pg_catalog.pg_terminate_backend(pid, {TerminateTimeoutMilliseconds}) FROM pg_catalog.pg_stat_activity WHERE usename = $1"
            : "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE usename = $1";
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }

    private void DropOwnedEverywhere(NpgsqlConnection connection, string quotedRole)
    {
        var databases = new List<string>();
        using (var command = new NpgsqlCommand("SELECT datname FROM pg_catalog.pg_database WHERE datallowconn AND datname <> current_database()", connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                databases.Add(reader.GetString(0));
            }
        }

        foreach (var database in databases)
        {
            using var other = Open(database, pooled: false);
            Execute(other, null, $"REASSIGN OWNED BY {quotedRole} TO CURRENT_USER; DROP OWNED BY {quotedRole}");
        }
    }

    /// <summary>An admin connection to <paramref name="database"/>, or to the admin connection string's own database.</summary>
    private NpgsqlConnection Open(string? database, bool pooled = true)
    {
        if (!pooled)
        {
            var builder = new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = database, Pooling = false };
            using var once = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
            return once.OpenConnection();
        }

        NpgsqlDataSource source;
        lock (_sourcesLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = database ?? "";
            if (!_sources.TryGetValue(key, out source!))
            {
                var builder = new NpgsqlConnectionStringBuilder(_admin.ConnectionString);
                if (database is not null)
                {
                    builder.Database = database;
                }

                source = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
                _sources[key] = source;
            }
        }

        return source.OpenConnection();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
