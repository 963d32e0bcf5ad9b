using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Agents.Decisions;
using Mandate.Core.Errors;

namespace Mandate.Cli.Commands;

internal static partial class PolicyCommand
{
    private static readonly Argument<string> Which = new("which") { Description = "builtin (Mandate's guardrails), or a file path." };
    private static readonly Argument<string?> Mode = new("mode") { Description = "enforce or shadow; without it, prints the current mode.", Arity = ArgumentArity.ZeroOrOne };

    public static IEnumerable<Command> CreateGuardrailCommands()
    {
        var schema = new Command("schema", "Print the Cedar schema that every tool call's requests follow (principal, actions, resources, context).");
        schema.SetHandler((_, ctx) =>
        {
            ctx.Output.Out.Write(PolicyBundle.Schema);
            return ExitCodes.Success;
        });
        var show = new Command("show", "Print policies: 'builtin' prints Mandate's guardrails, shipped inside the binary.") { Which };
        show.SetHandler(Show);
        var mode = new Command("mode", "Show or set how decisions apply: enforce, or shadow (every decision recorded, the agent allowed).") { Mode };
        mode.SetHandler(SetMode);
        return [schema, show, mode];
    }

    private static int Show(ParseResult parse, CliContext ctx)
    {
        var which = parse.GetValue(Which)!;
        if (which != "builtin")
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.PolicyFileUnreadable, $"'{which}' is not a policy set Mandate knows.", "Use 'mandate policy show builtin'."));
        }

        foreach (var (name, text) in PolicyBundle.Builtin)
        {
            ctx.Output.Out.WriteLine($"// ---- {name}");
            ctx.Output.Out.WriteLine(text.TrimEnd());
            ctx.Output.Out.WriteLine();
        }

        return ExitCodes.Success;
    }

    private static int SetMode(ParseResult parse, CliContext ctx)
    {
        var config = ctx.Home.LoadConfig();
        if (!config.IsSuccess)
        {
            return ctx.Output.Fail(config.Error);
        }

        var mode = parse.GetValue(Mode);
        if (mode is null)
        {
            var current = config.Value.Policy?.Mode ?? "enforce";
            ctx.Output.Out.WriteLine(ctx.Output.Json ? new JsonObject { ["mode"] = current }.ToJsonString() : current);
            return ExitCodes.Success;
        }

        if (mode is not ("enforce" or "shadow"))
        {
            return ctx.Output.Usage($"'{mode}' is not a policy mode.", "Use 'mandate policy mode enforce' or 'mandate policy mode shadow'.");
        }

        (config.Value.Policy ??= new()).Mode = mode;
        ctx.Home.SaveConfig(config.Value);
        ctx.Store.Audit.Append(new Core.Audit.AuditRecord
        {
            Time = ctx.Time.GetUtcNow(),
            Kind = Core.Audit.AuditKinds.Admin,
            Event = "policy.mode",
            Actor = new Core.Audit.AuditActor(ctx.Actor),
            Outcome = mode,
        });
        ctx.Output.Out.WriteLine(ctx.Output.Json
            ? new JsonObject { ["mode"] = mode }.ToJsonString()
            : mode == "shadow"
                ? "policy mode: shadow — decisions are recorded, agents are allowed; 'mandate audit list --would-deny' shows what enforcing would block."
                : "policy mode: enforce — decisions apply.");
        return ExitCodes.Success;
    }
}
