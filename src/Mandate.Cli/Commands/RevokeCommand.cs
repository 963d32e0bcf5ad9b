using System.CommandLine;
using Mandate.Core.Storage;

namespace Mandate.Cli.Commands;

internal static class RevokeCommand
{
    private static readonly Argument<string?> Jti = new("jti") { Description = "The mandate's id (jti).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Task = new("--task") { Description = "Revoke every mandate of this task id." };
    private static readonly Option<string?> Agent = new("--agent") { Description = "Revoke every mandate held by this agent (id or SPIFFE ID)." };
    private static readonly Option<string?> Human = new("--human") { Description = "Revoke every mandate granted by this human (offboarding)." };
    private static readonly Option<string> Reason = new("--reason") { Description = "Why (kept in the audit record).", Required = true };

    public static Command Create()
    {
        var command = new Command("revoke", "Revoke mandates, and in cascade every mandate delegated from them.") { Jti, Task, Agent, Human, Reason };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var service = MandateCli.Service(ctx);
        var agentId = service.IsSuccess ? MandateCli.AgentId(ctx, parse.GetValue(Agent)) : service.Error;
        if (!agentId.IsSuccess)
        {
            return ctx.Output.Fail(agentId.Error);
        }

        var filter = new MandateFilter
        {
            Jti = parse.GetValue(Jti),
            TaskId = parse.GetValue(Task),
            AgentId = agentId.Value,
            HumanEmail = parse.GetValue(Human)?.Trim().ToLowerInvariant(),
        };
        var revoked = service.Value.Revoke(filter, parse.GetValue(Reason)!, ctx.Actor);
        if (!revoked.IsSuccess)
        {
            return ctx.Output.Fail(revoked.Error);
        }

        // A revoked mandate leaves no working credential behind: its leases are revoked at their providers too.
        var leases = LeaseCli.RevokeForMandates(ctx, [.. revoked.Value.Select(m => m.Jti).Append(filter.Jti).OfType<string>()], parse.GetValue(Reason)!);
        if (!leases.IsSuccess)
        {
            return ctx.Output.Fail(leases.Error);
        }

        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(revoked.Value.Select(m => m.Jti).ToList(), Output.CliJsonContext.Output.ListString);
            return ExitCodes.Success;
        }

        if (revoked.Value.Count == 0)
        {
            // Selectors combine (a task and an agent: that agent's mandates of that task), so nothing may match at all.
            ctx.Output.Out.WriteLine(service.Value.List(filter).Count == 0
                ? $"Nothing to revoke: no mandate matches {Describe(parse)}. List mandates with 'mandate list'."
                : "Nothing to revoke: those mandates were already revoked.");
        }
        else
        {
            ctx.Output.Out.WriteLine($"Revoked {revoked.Value.Count} mandate(s):");
        }

        foreach (var m in revoked.Value)
        {
            ctx.Output.Out.WriteLine($"  {m.Jti}  {m.Actor}  task {m.TaskId}{(m.ParentJti is null ? "" : $"  (delegated from {m.ParentJti})")}");
        }

        if (leases.Value.Count > 0)
        {
            ctx.Output.Out.WriteLine($"Revoked {leases.Value.Count} lease(s) issued under them at their providers.");
        }

        return ExitCodes.Success;
    }

    private static string Describe(ParseResult parse) => string.Join(" and ", new[]
    {
        parse.GetValue(Jti) is { } jti ? $"id {jti}" : null,
        parse.GetValue(Task) is { } task ? $"task {task}" : null,
        parse.GetValue(Agent) is { } agent ? $"agent {agent}" : null,
        parse.GetValue(Human) is { } human ? $"human {human}" : null,
    }.OfType<string>());
}
