using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Core.Time;

namespace Mandate.Cli.Commands;

internal static partial class LeaseCommand
{
    private static readonly Argument<string> RenewId = new("id") { Description = "The lease id (lse_…)." };
    private static readonly Option<string?> RenewTtl = new("--ttl") { Description = "How long from now, e.g. 15m [default: the lease's own TTL; never past its maximum or its mandate's expiry]." };
    private static readonly Argument<string?> RevokeId = new("id") { Description = "The lease id (lse_…).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> RevokeTask = new("--task") { Description = "Revoke every lease of this task id." };
    private static readonly Option<string?> RevokeAgent = new("--agent") { Description = "Revoke every lease of this agent and its sessions (agent id or SPIFFE ID)." };
    private static readonly Option<string?> Reason = new("--reason") { Description = "Why (kept in the audit record) [default: revoked on request]." };

    private static Command CreateRenew()
    {
        var command = new Command("renew", "Extend an active lease, at its provider too.") { RenewId, RenewTtl };
        command.SetHandler(Renew);
        return command;
    }

    private static Command CreateRevoke()
    {
        var command = new Command("revoke", "Revoke leases at their provider (drop the role, revoke the token…), then mark them revoked.") { RevokeId, RevokeTask, RevokeAgent, Reason };
        command.SetHandler(Revoke);
        return command;
    }

    private static Command CreateSweep()
    {
        var command = new Command("sweep", "Revoke every expired lease at its provider (the hook also does this at session start and end).");
        command.SetHandler(Sweep);
        return command;
    }

    private static int Renew(ParseResult parse, CliContext ctx)
    {
        var service = LeaseCli.Service(ctx);
        var ttl = !service.IsSuccess ? service.Error
            : parse.GetValue(RenewTtl) is { } text ? Nullable(DurationText.Parse(text, "--ttl"))
            : Outcome<TimeSpan?>.Success(null);
        var renewed = ttl.IsSuccess ? service.Value.Renew(parse.GetValue(RenewId)!, ttl.Value, ctx.Actor) : ttl.Error;
        if (!renewed.IsSuccess)
        {
            return ctx.Output.Fail(renewed.Error);
        }

        var now = ctx.Time.GetUtcNow();
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(ToJson(renewed.Value, now).ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine($"Renewed {renewed.Value.Id} until {renewed.Value.ExpiresAt:u}.");
        }

        return ExitCodes.Success;
    }

    private static int Revoke(ParseResult parse, CliContext ctx)
    {
        var service = LeaseCli.Service(ctx);
        var actor = service.IsSuccess ? AgentSpiffeId(ctx, parse.GetValue(RevokeAgent)) : service.Error;
        if (!actor.IsSuccess)
        {
            return ctx.Output.Fail(actor.Error);
        }

        var filter = new LeaseFilter { Id = parse.GetValue(RevokeId), TaskId = parse.GetValue(RevokeTask), Actor = actor.Value };
        return Report(ctx, service.Value.Revoke(filter, parse.GetValue(Reason) ?? "revoked on request", ctx.Actor), "Nothing to revoke: those leases were already revoked.");
    }

    private static int Sweep(ParseResult parse, CliContext ctx)
    {
        var service = LeaseCli.Service(ctx);
        return service.IsSuccess
            ? Report(ctx, service.Value.Sweep(ctx.Actor), "Nothing to sweep: no expired lease is left unrevoked.")
            : ctx.Output.Fail(service.Error);
    }

    private static int Report(CliContext ctx, Outcome<IReadOnlyList<Lease>> ended, string none)
    {
        if (!ended.IsSuccess)
        {
            return ctx.Output.Fail(ended.Error);
        }

        var now = ctx.Time.GetUtcNow();
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonArray([.. ended.Value.Select(l => (JsonNode)ToJson(l, now))]).ToJsonString());
            return ExitCodes.Success;
        }

        ctx.Output.Out.WriteLine(ended.Value.Count == 0 ? none : $"Revoked {ended.Value.Count} lease(s):");
        foreach (var l in ended.Value)
        {
            WriteLine(ctx, l, now);
        }

        return ExitCodes.Success;
    }

    /// <summary>A SPIFFE ID as given, or the SPIFFE ID of a registered agent id.</summary>
    private static Outcome<string?> AgentSpiffeId(CliContext ctx, string? agent)
    {
        if (agent is null || agent.StartsWith("spiffe://", StringComparison.Ordinal))
        {
            return Outcome<string?>.Success(agent);
        }

        var registry = ctx.Agents();
        var found = registry.IsSuccess ? registry.Value.Find(agent) : registry.Error;
        return found.IsSuccess ? found.Value.SpiffeId : found.Error;
    }

    private static Outcome<TimeSpan?> Nullable(Outcome<TimeSpan> value) => value.IsSuccess ? value.Value : value.Error;
}
