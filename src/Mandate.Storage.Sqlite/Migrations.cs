using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

/// <summary>
/// Versioned schema migrations. Each step runs once, in order, in its own transaction, and is
/// recorded in <c>schema_migrations</c>; a database newer than this binary is refused.
/// </summary>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        // 1: agents, and the audit log: records (canonical bytes + leaf hash, with indexed columns for
        // queries), the Merkle tree's complete-subtree hashes, and signed checkpoints.
        """
        CREATE TABLE agents (
            id TEXT PRIMARY KEY,
            spiffe_id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            project TEXT NOT NULL,
            sponsor TEXT NOT NULL,
            model TEXT,
            provider TEXT,
            description TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            revoked_at TEXT,
            revocation_reason TEXT
        ) STRICT;
        CREATE TABLE audit_records (
            seq INTEGER PRIMARY KEY,
            record BLOB NOT NULL,
            leaf_hash BLOB NOT NULL,
            time TEXT NOT NULL,
            kind TEXT NOT NULL,
            event TEXT NOT NULL,
            actor TEXT NOT NULL,
            human TEXT,
            task TEXT,
            decision TEXT
        ) STRICT;
        CREATE INDEX audit_records_time ON audit_records (time);
        CREATE INDEX audit_records_actor ON audit_records (actor);
        CREATE INDEX audit_records_human ON audit_records (human);
        CREATE INDEX audit_records_task ON audit_records (task);
        CREATE TABLE audit_nodes (
            level INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY (level, idx)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE audit_checkpoints (
            tree_size INTEGER PRIMARY KEY,
            note TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT;
        """,

        // 2: issued mandates (never the token: only its SHA-256) and their revocations.
        """
        CREATE TABLE mandates (
            jti TEXT PRIMARY KEY,
            parent_jti TEXT REFERENCES mandates (jti),
            actor TEXT NOT NULL,
            agent_id TEXT,
            human TEXT NOT NULL,
            task_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            scope TEXT NOT NULL,
            depth INTEGER NOT NULL,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            token_sha256 TEXT NOT NULL,
            revoked_at TEXT,
            revocation_reason TEXT
        ) STRICT;
        CREATE INDEX mandates_parent ON mandates (parent_jti);
        CREATE INDEX mandates_task ON mandates (task_id);
        CREATE INDEX mandates_agent ON mandates (agent_id);
        CREATE INDEX mandates_human ON mandates (human);
        """,

        // 3: the credential broker. Leases (never the secret: only what identifies the credential at its
        // provider, as JSON text), registered providers and static secrets, both sealed with AES-256-GCM
        // under $MANDATE_HOME/keys/secrets.key (the admin connection string of a provider is a secret too).
        """
        CREATE TABLE leases (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            provider TEXT NOT NULL,
            capability TEXT NOT NULL,
            actor TEXT NOT NULL,
            session_id TEXT,
            mandate_jti TEXT NOT NULL,
            human TEXT NOT NULL,
            task_id TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            ttl_ticks INTEGER NOT NULL,
            max_ttl_ticks INTEGER NOT NULL,
            renewals INTEGER NOT NULL DEFAULT 0,
            revoked_at TEXT,
            revocation_reason TEXT,
            details TEXT NOT NULL
        ) STRICT;
        CREATE INDEX leases_task ON leases (task_id);
        CREATE INDEX leases_actor ON leases (actor);
        CREATE INDEX leases_mandate ON leases (mandate_jti);
        CREATE INDEX leases_expires ON leases (expires_at);
        CREATE TABLE providers (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            config BLOB NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY,
            ciphertext BLOB NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT;
        """,

        // 4: the actor, human and task indexes of the audit log go. Each was one more B-tree page
        // written and fsynced with every append (9 WAL frames per commit became 5.4), and the WAL is
        // checkpointed every 1,000 frames, so a checkpoint fell on 1 % of appends: the p99. A query
        // by those columns reads the newest rows first (ORDER BY seq DESC LIMIT) and stops at its
        // limit; --since and --until still narrow it through the time index.
        """
        DROP INDEX IF EXISTS audit_records_actor;
        DROP INDEX IF EXISTS audit_records_human;
        DROP INDEX IF EXISTS audit_records_task;
        """,
    ];

    public static int Latest => Steps.Length;

    public static void Apply(Database database)
    {
        // The fast path of every hook process: the header's user_version, stamped below once the schema is current,
        // is read without parsing the schema. Anything else (an older database, a newer one) takes the checked path.
        if (Scalar(database, "PRAGMA user_version") == Latest)
        {
            return;
        }

        database.ExecuteScript("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT");
        var current = CurrentVersion(database);
        if (current > Latest)
        {
            throw new Core.Storage.StoreException(
                $"The database schema is version {current}, newer than this mandate binary understands ({Latest}). Upgrade mandate.");
        }

        for (var version = current + 1; version <= Latest; version++)
        {
            using var tx = database.Begin();
            if (CurrentVersion(database) >= version)
            {
                continue; // another process applied it first
            }

            database.ExecuteScript(Steps[version - 1]);
            using (var record = tx.Command("INSERT INTO schema_migrations (version, applied_at) VALUES ($v, strftime('%Y-%m-%dT%H:%M:%fZ'))"))
            {
                record.Bind("$v", version).Execute();
            }

            tx.Commit();
        }

        database.ExecuteScript($"PRAGMA user_version = {Latest}");
    }

    private static long CurrentVersion(Database database) => Scalar(database, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");

    private static long Scalar(Database database, string sql)
    {
        using var cmd = database.Command(sql);
        return (long)cmd.Scalar()!;
    }
}
