using System.CommandLine;
using System.Text.Json;
using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;
using Mandate.Core.Errors;
using Mandate.Core.Mandates;
using Mandate.Core.Storage;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate why &lt;seq&gt;</c>: explains a recorded tool-call decision — the call as Mandate saw it, the Cedar
/// requests derived from it, the policies that decided (file and line), and the smallest change that would
/// allow it. The requests are derived again from the record under today's policies; a difference is shown.
/// </summary>
internal static class WhyCommand
{
    private static readonly Argument<long> Seq = new("seq") { Description = "The audit record's sequence number (mandate audit list shows it)." };

    public static Command Create()
    {
        var command = new Command("why", "Explain a tool-call decision: what Mandate saw, the Cedar requests, the deciding policies, and what would allow it.") { Seq };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        if (!ctx.Settings.IsSuccess)
        {
            return ctx.Output.Fail(ctx.Settings.Error);
        }

        var seq = parse.GetValue(Seq);
        var stored = ctx.Store.Audit.Get(seq);
        if (stored is null)
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.AuditRecordNotFound, $"There is no audit record {seq}.", "List decisions with 'mandate audit list --kind decision'."));
        }

        using var json = JsonDocument.Parse(stored.Canonical);
        var record = json.RootElement;
        if (record.GetProperty("event").GetString() != "tool.pre" || !record.TryGetProperty("details", out var details))
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.AuditRecordNotFound, $"Record {seq} is not a tool-call decision (it is '{record.GetProperty("event").GetString()}').", "Pick a record whose event is tool.pre: 'mandate audit list --kind decision'."));
        }

        var call = ToolCallFrom(record, details);
        var context = new ToolContext
        {
            Principal = record.GetProperty("actor").GetProperty("id").GetString()!,
            AgentType = Text(record.GetProperty("actor"), "agent_type") ?? Text(details, "dialect") ?? "",
            Dialect = Text(details, "dialect") ?? "",
            Project = Text(details, "project") ?? "/",
            Cwd = Text(details, "cwd") ?? "/",
            Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify),
            MandateHome = ctx.Home.Root,
            ToolName = call.Name,
        };
        var profile = Profile(ctx, record, details);
        var bundle = PolicyBundle.Load(Path.Combine(ctx.Home.Root, "policies"), Path.Combine(context.Project, ".mandate", "policies"));
        if (!bundle.IsSuccess)
        {
            return ctx.Output.Fail(bundle.Error);
        }

        var requests = RequestBuilder.Build(call, context, out var analysis);
        var decision = DecisionEngine.Decide(requests, profile, context, bundle.Value);
        var recorded = record.GetProperty("decision");
        var o = ctx.Output.Out;
        o.WriteLine($"#{seq}  {record.GetProperty("time").GetString()}  {context.Principal}");
        o.WriteLine($"  tool      {call.Name} ({Text(details, "dialect")}): {HookRecordsInput(details)}");
        o.WriteLine($"  mandate   {(profile.HasMandate ? $"{profile.Jti} by {profile.Human}: {profile.Scope}" : "none (no-mandate profile)")}");
        o.WriteLine($"  decided   {recorded.GetProperty("effect").GetString()}: {Text(recorded, "reason")}");
        if (analysis is not null)
        {
            o.WriteLine($"  shell     {analysis.Commands.Count} simple command(s){(analysis.IsOpaque ? ", opaque: " + (analysis.Error ?? analysis.Commands.First(c => c.Opaque).OpaqueReason) : "")}");
        }

        o.WriteLine("  requests");
        foreach (var r in decision.Requests)
        {
            o.WriteLine($"    {Verdicts.Name(r.Verdict),-5} {r.Request.Action,-14} {r.Request.Resource.Uid}");
            foreach (var p in r.Policies)
            {
                o.WriteLine($"          {(p.Effect == Cedar.Effect.Forbid ? "forbid" : "permit")} {p.Id} at {p.Location}: {p.Text}");
            }

            if (r.CoveredBy.Count > 0)
            {
                o.WriteLine($"          covered by the mandate's {string.Join(", ", r.CoveredBy)}");
            }

            if (Fix(r) is { } fix)
            {
                o.WriteLine($"          to allow: {fix}");
            }
        }

        var now = Verdicts.Name(decision.Verdict);
        if (now != recorded.GetProperty("effect").GetString())
        {
            o.WriteLine($"  note      under today's policies this call would be: {now} ({decision.Reason})");
        }

        return ExitCodes.Success;
    }

    /// <summary>The smallest change that would let the request through.</summary>
    private static string? Fix(RequestDecision r)
    {
        if (r.Verdict == Verdict.Allow)
        {
            return null;
        }

        var deny = r.Policies.FirstOrDefault(p => !p.IsAsk) ?? r.Policies.FirstOrDefault();
        if (deny is null)
        {
            return r.Request.Suggestion is { } s ? $"add {s} to the mandate's scope (mandate grant --scope … or mandate task default --scope …)" : "a human approves it";
        }

        return deny.File.StartsWith(PolicyBundle.BuiltinPrefix, StringComparison.Ordinal)
            ? deny.IsAsk
                ? "a human approves it when asked"
                : $"nothing in the mandate can: {deny.Id} is a built-in guardrail ({deny.Location}); only an administrator may override it"
            : $"change or remove policy {deny.Id} at {deny.Location}";
    }

    private static DecisionProfile Profile(CliContext ctx, JsonElement record, JsonElement details)
    {
        if (Text(record, "mandate") is not { } jti)
        {
            return DecisionProfile.None;
        }

        var stored = ctx.Store.Mandates.List(new MandateFilter { Jti = jti }).FirstOrDefault();
        var scope = Scope.Parse(stored?.Scope, allowEmpty: true);
        var ask = Scope.Parse(Text(details, "mandate_ask"), allowEmpty: true);
        return new DecisionProfile
        {
            HasMandate = true,
            Scope = scope.IsSuccess ? scope.Value : Scope.Empty,
            Ask = ask.IsSuccess ? ask.Value : Scope.Empty,
            Jti = jti,
            Human = stored?.HumanEmail ?? "",
            TaskId = stored?.TaskId ?? "",
            Purpose = stored?.Purpose ?? "",
        };
    }

    private static ToolCall ToolCallFrom(JsonElement record, JsonElement details)
    {
        var name = record.GetProperty("action").GetProperty("tool").GetString() ?? "";
        var kind = Enum.TryParse<ToolKind>(Text(details, "tool_kind"), out var k) ? k : ToolKind.Unknown;
        var input = Text(details, "input") ?? "";
        var lines = input.Split('\n');
        return kind switch
        {
            ToolKind.Shell => new ToolCall { Name = name, Kind = kind, Command = input },
            ToolKind.WebFetch => new ToolCall { Name = name, Kind = kind, Url = input },
            ToolKind.WebSearch => new ToolCall { Name = name, Kind = kind, Query = input },
            ToolKind.Mcp => new ToolCall { Name = name, Kind = kind, McpServer = input.Split('/')[0], McpTool = input.Contains('/', StringComparison.Ordinal) ? input[(input.IndexOf('/', StringComparison.Ordinal) + 1)..] : "" },
            ToolKind.Agent => new ToolCall { Name = name, Kind = kind, SubagentType = input },
            ToolKind.Search => new ToolCall { Name = name, Kind = kind, Paths = lines[..^1], Pattern = lines[^1] },
            _ => new ToolCall { Name = name, Kind = kind, Paths = lines },
        };
    }

    private static string HookRecordsInput(JsonElement details) => (Text(details, "input") ?? "").ReplaceLineEndings(" ");

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
