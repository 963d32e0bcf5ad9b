using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mandate.Cli.Output;
using Mandate.Core.Audit;

namespace Mandate.Cli.Commands;

internal static partial class AuditCommand
{
    private static readonly Option<string> Format = new("--format")
    {
        Description = "jsonl: each line exactly the canonical bytes that were hashed; ocsf: OCSF 1.3 API Activity events.",
        DefaultValueFactory = _ => "jsonl",
    };

    private static readonly Option<string?> ExportSince = new("--since") { Description = "Only records from this time (ISO 8601) or this long ago (e.g. 24h)." };

    private static Command CreateExport()
    {
        Format.AcceptOnlyFromAmong("jsonl", "ocsf");
        var export = new Command("export", "Write the log to stdout for a SIEM or for verification without Mandate.") { Format, ExportSince };
        export.SetHandler(Export);
        return export;
    }

    private static int Export(ParseResult parse, CliContext ctx)
    {
        if (ctx.Settings.Error is { } error)
        {
            return ctx.Output.Fail(error);
        }

        var since = ReadTime(parse.GetValue(ExportSince), "--since", ctx.Time);
        if (!since.IsSuccess)
        {
            return ctx.Output.Fail(since.Error);
        }

        var ocsf = parse.GetValue(Format) == "ocsf";
        using var stdout = Console.OpenStandardOutput();
        foreach (var record in ctx.Store.Audit.ReadFrom(1))
        {
            if (since.Value is { } from && Time(record) < from)
            {
                continue;
            }

            if (ocsf)
            {
                stdout.Write(System.Text.Encoding.UTF8.GetBytes(Ocsf.From(record).ToJsonString()));
            }
            else
            {
                stdout.Write(record.Canonical);
            }

            stdout.WriteByte((byte)'\n');
        }

        return ExitCodes.Success;
    }

    private static DateTimeOffset Time(StoredRecord record) =>
        DateTimeOffset.Parse(JsonNode.Parse(record.Canonical)!["time"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
