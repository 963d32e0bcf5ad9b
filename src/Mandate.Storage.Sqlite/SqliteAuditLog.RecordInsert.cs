using System.Text.Json.Nodes;
using Mandate.Core.Audit;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

internal sealed partial class SqliteAuditLog
{
    /// <summary>
    /// The prepared insert of one record row. Every column, the query columns included, is read from
    /// the redacted record, so no caller value reaches the file unredacted.
    /// </summary>
    private sealed class RecordInsert : IDisposable
    {
        private readonly Command _cmd;

        public RecordInsert(Command cmd)
        {
            _cmd = cmd;
        }

        public void Execute(long seq, DateTimeOffset time, AuditLeaf leaf)
        {
            var redacted = leaf.RedactedRecord;
            _cmd.Bind("$seq", seq)
                .Bind("$record", leaf.CanonicalBytes.ToArray())
                .Bind("$leaf", leaf.LeafHash.ToArray())
                .Bind("$time", Time.Write(time))
                .Bind("$kind", Text(redacted["kind"]) ?? "")
                .Bind("$event", Text(redacted["event"]) ?? "")
                .Bind("$actor", Text(redacted["actor"]?["id"]) ?? "")
                .Bind("$human", Text(redacted["on_behalf_of"]))
                .Bind("$task", Text(redacted["task"]?["id"]))
                .Bind("$decision", Text(redacted["decision"]?["effect"]))
                .Execute();
        }

        private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        public void Dispose() => _cmd.Dispose();
    }
}
