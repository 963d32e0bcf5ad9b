using Mandate.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed partial class SqliteAuditLog
{
    /// <summary>
    /// The statements of an append, prepared once per store and enlisted in each append's transaction:
    /// preparing them again for every append (the size, one read per frontier node, two inserts) cost
    /// CPU and garbage on every durable append, and the garbage a collection pause every ~400 appends.
    /// </summary>
    private sealed class AppendStatements : IMerkleHashSource, IDisposable
    {
        private readonly SqliteCommand _size;
        private readonly SqliteCommand _readNode;
        private readonly SqliteParameter _readLevel;
        private readonly SqliteParameter _readIndex;
        private readonly SqliteCommand _insertNode;
        private readonly SqliteParameter _level;
        private readonly SqliteParameter _index;
        private readonly SqliteParameter _hash;

        public AppendStatements(SqliteConnection connection)
        {
            _size = connection.CreateCommand();
            _size.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM audit_records";
            _readNode = connection.CreateCommand();
            _readNode.CommandText = "SELECT hash FROM audit_nodes WHERE level = $l AND idx = $i";
            _readLevel = _readNode.Parameters.Add("$l", SqliteType.Integer);
            _readIndex = _readNode.Parameters.Add("$i", SqliteType.Integer);
            _insertNode = connection.CreateCommand();
            _insertNode.CommandText = "INSERT OR REPLACE INTO audit_nodes (level, idx, hash) VALUES ($l, $i, $h)";
            _level = _insertNode.Parameters.Add("$l", SqliteType.Integer);
            _index = _insertNode.Parameters.Add("$i", SqliteType.Integer);
            _hash = _insertNode.Parameters.Add("$h", SqliteType.Blob);
            var insertRecord = connection.CreateCommand();
            insertRecord.CommandText = """
                INSERT INTO audit_records (seq, record, leaf_hash, time, kind, event, actor, human, task, decision)
                VALUES ($seq, $record, $leaf, $time, $kind, $event, $actor, $human, $task, $decision)
                """;
            Record = new RecordInsert(insertRecord);
            InsertNode = Insert;
        }

        public RecordInsert Record { get; }

        /// <summary>Stores a node the frontier completes.</summary>
        public MerkleNodeSink InsertNode { get; }

        /// <summary>Binds every statement to <paramref name="tx"/>; returns the log's size in it.</summary>
        public long Enlist(SqliteTransaction tx)
        {
            _size.Transaction = tx;
            _readNode.Transaction = tx;
            _insertNode.Transaction = tx;
            Record.Transaction = tx;
            return (long)_size.ExecuteScalar()!;
        }

        public byte[] GetNodeHash(int level, long index)
        {
            _readLevel.Value = level;
            _readIndex.Value = index;
            return _readNode.ExecuteScalar() as byte[] ?? throw SqliteNodeSource.Missing(level, index);
        }

        private void Insert(int level, long index, ReadOnlySpan<byte> hash)
        {
            _level.Value = level;
            _index.Value = index;
            _hash.Value = hash.ToArray();
            _insertNode.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _size.Dispose();
            _readNode.Dispose();
            _insertNode.Dispose();
            Record.Dispose();
        }
    }
}
