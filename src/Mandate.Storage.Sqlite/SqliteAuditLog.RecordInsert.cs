using System.Text.Json.Nodes;
using Mandate.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed partial class SqliteAuditLog
{
    /// <summary>
    /// The prepared insert of one record row. Every column, the query columns included, is read from
    /// the redacted record, so no caller value reaches the file unredacted.
    /// </summary>
    private sealed class RecordInsert : IDisposable
    {
        private readonly SqliteCommand _cmd;
        private readonly SqliteParameter _seq;
        private readonly SqliteParameter _record;
        private readonly SqliteParameter _leaf;
        private readonly SqliteParameter _time;
        private readonly SqliteParameter _kind;
        private readonly SqliteParameter _event;
        private readonly SqliteParameter _actor;
        private readonly SqliteParameter _human;
        private readonly SqliteParameter _task;
        private readonly SqliteParameter _decision;

        public RecordInsert(SqliteCommand cmd)
        {
            _cmd = cmd;
            _seq = cmd.Parameters.Add("$seq", SqliteType.Integer);
            _record = cmd.Parameters.Add("$record", SqliteType.Blob);
            _leaf = cmd.Parameters.Add("$leaf", SqliteType.Blob);
            _time = cmd.Parameters.Add("$time", SqliteType.Text);
            _kind = cmd.Parameters.Add("$kind", SqliteType.Text);
            _event = cmd.Parameters.Add("$event", SqliteType.Text);
            _actor = cmd.Parameters.Add("$actor", SqliteType.Text);
            _human = cmd.Parameters.Add("$human", SqliteType.Text);
            _task = cmd.Parameters.Add("$task", SqliteType.Text);
            _decision = cmd.Parameters.Add("$decision", SqliteType.Text);
        }

        public SqliteTransaction? Transaction
        {
            set => _cmd.Transaction = value;
        }

        public void Execute(long seq, DateTimeOffset time, AuditLeaf leaf)
        {
            var redacted = leaf.RedactedRecord;
            _seq.Value = seq;
            _record.Value = leaf.CanonicalBytes.ToArray();
            _leaf.Value = leaf.LeafHash.ToArray();
            _time.Value = Time.Write(time);
            _kind.Value = Text(redacted["kind"]) ?? "";
            _event.Value = Text(redacted["event"]) ?? "";
            _actor.Value = Text(redacted["actor"]?["id"]) ?? "";
            _human.Value = (object?)Text(redacted["on_behalf_of"]) ?? DBNull.Value;
            _task.Value = (object?)Text(redacted["task"]?["id"]) ?? DBNull.Value;
            _decision.Value = (object?)Text(redacted["decision"]?["effect"]) ?? DBNull.Value;
            _cmd.ExecuteNonQuery();
        }

        private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        public void Dispose() => _cmd.Dispose();
    }
}
