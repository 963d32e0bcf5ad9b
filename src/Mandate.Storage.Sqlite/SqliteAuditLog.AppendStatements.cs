using Mandate.Core.Audit;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

internal sealed partial class SqliteAuditLog
{
    /// <summary>
    /// The statements of an append, prepared once per store and run again in each append's transaction:
    /// preparing them again for every append (the size, one read per frontier node, two inserts) cost
    /// CPU and garbage on every durable append, and the garbage a collection pause every ~400 appends.
    /// </summary>
    private sealed class AppendStatements : IMerkleHashSource, IDisposable
    {
        private readonly Command _size;
        private readonly Command _readNode;
        private readonly Command _insertNode;

        public AppendStatements(Database database)
        {
            _size = database.Command("SELECT COALESCE(MAX(seq), 0) FROM audit_records");
            _readNode = database.Command("SELECT hash FROM audit_nodes WHERE level = $l AND idx = $i");
            _insertNode = database.Command("INSERT OR REPLACE INTO audit_nodes (level, idx, hash) VALUES ($l, $i, $h)");
            Record = new RecordInsert(database.Command("""
                INSERT INTO audit_records (seq, record, leaf_hash, time, kind, event, actor, human, task, decision)
                VALUES ($seq, $record, $leaf, $time, $kind, $event, $actor, $human, $task, $decision)
                """));
            InsertNode = Insert;
        }

        public RecordInsert Record { get; }

        /// <summary>Stores a node the frontier completes.</summary>
        public MerkleNodeSink InsertNode { get; }

        /// <summary>The log's size inside the append's transaction (<paramref name="tx"/> proves there is one).</summary>
        public long Size(Transaction tx)
        {
            ArgumentNullException.ThrowIfNull(tx);
            return (long)_size.Scalar()!;
        }

        public byte[] GetNodeHash(int level, long index) =>
            _readNode.Bind("$l", level).Bind("$i", index).Scalar() as byte[] ?? throw SqliteNodeSource.Missing(level, index);

        private void Insert(int level, long index, ReadOnlySpan<byte> hash) =>
            _insertNode.Bind("$l", level).Bind("$i", index).Bind("$h", hash.ToArray()).Execute();

        public void Dispose()
        {
            _size.Dispose();
            _readNode.Dispose();
            _insertNode.Dispose();
            Record.Dispose();
        }
    }
}
