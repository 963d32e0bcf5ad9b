using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mandate.Cli.Output;
using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Spectre.Console;

namespace Mandate.Cli.Commands;

internal static partial class AuditCommand
{
    private static readonly Option<string?> Agent = new("--agent") { Description = "Only records by this agent (id or SPIFFE ID; its sessions included)." };
    private static readonly Option<string?> Human = new("--human") { Description = "Only records on behalf of this human (email)." };
    private static readonly Option<string?> Task = new("--task") { Description = "Only records of this task id." };
    private static readonly Option<string?> Decision = new("--decision") { Description = "Only decisions with this outcome: allow, deny or ask." };
    private static readonly Option<string?> Kind = new("--kind") { Description = "Only records of this kind: decision, credential, lifecycle, approval, admin." };
    private static readonly Option<string?> Since = new("--since") { Description = "From this time (ISO 8601, e.g. 2026-11-23T10:00:00Z) or this long ago (e.g. 2h)." };
    private static readonly Option<string?> Until = new("--until") { Description = "Before this time (ISO 8601) or this long ago." };
    private static readonly Option<bool> WouldDeny = new("--would-deny") { Description = "Only tool calls the policies deny, including those shadow mode let through (what enforcing would block)." };
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many records (the newest).", DefaultValueFactory = _ => 50 };
    private static readonly Argument<long> Seq = new("seq") { Description = "The record's sequence number." };
    private static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep printing new records as they are appended (Ctrl-C to stop)." };

    public static Command Create()
    {
        Decision.AcceptOnlyFromAmong("allow", "deny", "ask");
        Kind.AcceptOnlyFromAmong([.. AuditKinds.All]);
        var list = new Command("list", "List audit records, newest last.") { Agent, Human, Task, Decision, Kind, Since, Until, Limit, WouldDeny };
        list.SetHandler(List);
        var show = new Command("show", "Show one audit record in full.") { Seq };
        show.SetHandler(Show);
        var tail = new Command("tail", "Print the latest records; with -f, follow new ones.") { Follow, Limit };
        tail.SetHandler(Tail);
        return new Command("audit", "Read, verify, prove and export the tamper-evident audit log.")
        {
            list, show, tail, CreateVerify(), CreateCheckpoint(), CreateProof(), CreateExport(),
        };
    }

    private static int List(ParseResult parse, CliContext ctx)
    {
        if (ctx.Settings.Error is { } error)
        {
            return ctx.Output.Fail(error);
        }

        var query = BuildQuery(parse, ctx);
        if (!query.IsSuccess)
        {
            return ctx.Output.Fail(query.Error);
        }

        Print(ctx, ctx.Store.Audit.Query(query.Value));
        return ExitCodes.Success;
    }

    private static int Show(ParseResult parse, CliContext ctx)
    {
        if (ctx.Settings.Error is { } error)
        {
            return ctx.Output.Fail(error);
        }

        var seq = parse.GetValue(Seq);
        var record = ctx.Store.Audit.Get(seq);
        if (record is null)
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.AuditRecordNotFound, $"There is no audit record {seq} (the log has {ctx.Store.Audit.Size}).", "List records with 'mandate audit list'."));
        }

        var node = JsonNode.Parse(record.Canonical)!;
        ctx.Output.Out.WriteLine(ctx.Output.Json ? node.ToJsonString() : Pretty(node));
        return ExitCodes.Success;
    }

    private static int Tail(ParseResult parse, CliContext ctx)
    {
        if (ctx.Settings.Error is { } error)
        {
            return ctx.Output.Fail(error);
        }

        var records = ctx.Store.Audit.Query(new AuditQuery { Limit = parse.GetValue(Limit) });
        Print(ctx, records);
        if (!parse.GetValue(Follow))
        {
            return ExitCodes.Success;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var last = records.Count > 0 ? records[^1].Seq : ctx.Store.Audit.Size;
        while (!stop.IsCancellationRequested)
        {
            var next = ctx.Store.Audit.Query(new AuditQuery { AfterSeq = last, Limit = 1000 });
            if (next.Count > 0)
            {
                PrintLines(ctx, next);
                last = next[^1].Seq;
            }

            stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
        }

        return ExitCodes.Success;
    }

    private static Outcome<AuditQuery> BuildQuery(ParseResult parse, CliContext ctx)
    {
        var since = ReadTime(parse.GetValue(Since), "--since", ctx.Time);
        var until = since.IsSuccess ? ReadTime(parse.GetValue(Until), "--until", ctx.Time) : since;
        if (!until.IsSuccess)
        {
            return until.Error;
        }

        string? agent = null;
        if (parse.GetValue(Agent) is { } a)
        {
            var found = ctx.Agents().Value.Find(a);
            agent = found.IsSuccess ? found.Value.SpiffeId : a;
        }

        var human = parse.GetValue(Human);
        return new AuditQuery
        {
            Agent = agent,
            Human = human is null ? null : human.StartsWith("user:", StringComparison.Ordinal) ? human : "user:" + human.ToLowerInvariant(),
            Task = parse.GetValue(Task),
            Decision = parse.GetValue(WouldDeny) ? "deny" : parse.GetValue(Decision),
            Kind = parse.GetValue(WouldDeny) ? AuditKinds.Decision : parse.GetValue(Kind),
            Since = since.Value,
            Until = until.Value,
            Limit = Math.Clamp(parse.GetValue(Limit), 1, 100_000),
        };
    }

    private static Outcome<DateTimeOffset?> ReadTime(string? text, string name, TimeProvider time)
    {
        if (text is null)
        {
            return Outcome<DateTimeOffset?>.Success(null);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return Outcome<DateTimeOffset?>.Success(t);
        }

        var ago = Core.Time.DurationText.Parse(text, name);
        return ago.IsSuccess
            ? Outcome<DateTimeOffset?>.Success(time.GetUtcNow() - ago.Value)
            : new MandateError(ErrorCodes.TtlInvalid, $"{name} '{text}' is neither an ISO 8601 time nor a duration.", "Write e.g. 2026-11-23T10:00:00Z or 2h.");
    }

    private static void Print(CliContext ctx, IReadOnlyList<StoredRecord> records)
    {
        if (ctx.Output.Json)
        {
            var array = new JsonArray([.. records.Select(r => JsonNode.Parse(r.Canonical))]);
            ctx.Output.Out.WriteLine(array.ToJsonString());
            return;
        }

        if (records.Count == 0)
        {
            ctx.Output.Out.WriteLine("No audit records match.");
            return;
        }

        var table = new Table().AddColumns("SEQ", "TIME", "KIND", "EVENT", "ACTOR", "ON BEHALF OF", "DECISION", "RESOURCE / SUMMARY");
        table.Border = TableBorder.Simple;
        foreach (var r in records)
        {
            var o = JsonNode.Parse(r.Canonical)!.AsObject();
            table.AddRow(
                r.Seq.ToString(CultureInfo.InvariantCulture),
                Cell(o["time"])[..Math.Min(19, Cell(o["time"]).Length)].Replace('T', ' '),
                Cell(o["kind"]),
                Cell(o["event"]),
                Cell(o["actor"]?["id"]),
                Cell(o["on_behalf_of"]),
                Cell(o["decision"]?["effect"]),
                Cell(o["action"]?["summary"] ?? o["resource"]));
        }

        Terminal.Write(ctx.Output.Out, table);
    }

    private static void PrintLines(CliContext ctx, IReadOnlyList<StoredRecord> records)
    {
        foreach (var r in records)
        {
            ctx.Output.Out.WriteLine(ctx.Output.Json ? Encoding.UTF8.GetString(r.Canonical) : Line(r));
        }
    }

    private static string Line(StoredRecord r)
    {
        var o = JsonNode.Parse(r.Canonical)!.AsObject();
        return $"{r.Seq,6}  {Cell(o["time"])}  {Cell(o["kind"]),-10} {Cell(o["event"]),-20} {Cell(o["actor"]?["id"])}  {Cell(o["decision"]?["effect"])} {Cell(o["action"]?["summary"] ?? o["resource"])}";
    }

    private static string Pretty(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Cell(JsonNode? node) => Markup.Escape(node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "-");
}
