using System.CommandLine;
using Mandate.Cli.Output;
using Mandate.Core.Agents;
using Spectre.Console;

namespace Mandate.Cli.Commands;

internal static class AgentCommand
{
    private static readonly Option<string> Type = new("--type") { Description = "The agent's type, e.g. claude-code, cursor, copilot, ci-bot.", Required = true };
    private static readonly Option<string> Project = new("--project") { Description = "The project the agent works on, e.g. webapp.", Required = true };
    private static readonly Option<string> Sponsor = new("--sponsor") { Description = "Email of the accountable human.", Required = true };
    private static readonly Option<string?> Model = new("--model") { Description = "The model, e.g. claude-sonnet-4." };
    private static readonly Option<string?> Provider = new("--provider") { Description = "The model provider, e.g. anthropic." };
    private static readonly Option<string?> Description = new("--description") { Description = "What the agent is for." };
    private static readonly Argument<string> Id = new("id") { Description = "The agent's id (agt_…) or SPIFFE ID." };
    private static readonly Option<string> Reason = new("--reason") { Description = "Why the agent is revoked (kept in the record).", Required = true };

    public static Command Create()
    {
        var register = new Command("register", "Register an agent and give it a SPIFFE ID.") { Type, Project, Sponsor, Model, Provider, Description };
        register.SetHandler(Register);
        var list = new Command("list", "List registered agents.");
        list.SetHandler(List);
        var show = new Command("show", "Show one agent.") { Id };
        show.SetHandler(Show);
        var revoke = new Command("revoke", "Revoke an agent, permanently: it gets no SVID or mandate again.") { Id, Reason };
        revoke.SetHandler(Revoke);
        return new Command("agent", "Register, list, show and revoke agents.") { register, list, show, revoke };
    }

    private static int Register(ParseResult parse, CliContext ctx)
    {
        var registry = ctx.Agents();
        if (!registry.IsSuccess)
        {
            return ctx.Output.Fail(registry.Error);
        }

        var result = registry.Value.Register(
            new AgentRegistration
            {
                Type = parse.GetValue(Type)!,
                Project = parse.GetValue(Project)!,
                Sponsor = parse.GetValue(Sponsor)!,
                Model = parse.GetValue(Model),
                Provider = parse.GetValue(Provider),
                Description = parse.GetValue(Description),
            },
            ctx.Actor);
        if (!result.IsSuccess)
        {
            return ctx.Output.Fail(result.Error);
        }

        var agent = result.Value;
        var expected = $"{ctx.Settings.Value.TrustDomain.IdString}/agent/{agent.Type}/{agent.Project}";
        var note = agent.SpiffeId == expected ? null : $"{expected} is already taken, so this agent is {agent.SpiffeId}";
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(ToOutput(agent, note), CliJsonContext.Output.AgentOutput);
            return ExitCodes.Success;
        }

        ctx.Output.Out.WriteLine($"Registered agent {agent.Id}");
        ctx.Output.Out.WriteLine($"  SPIFFE ID  {agent.SpiffeId}");
        if (note is not null)
        {
            ctx.Output.Out.WriteLine($"  note       {note}");
        }

        return ExitCodes.Success;
    }

    private static int List(ParseResult parse, CliContext ctx)
    {
        var registry = ctx.Agents();
        if (!registry.IsSuccess)
        {
            return ctx.Output.Fail(registry.Error);
        }

        var agents = registry.Value.List();
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(agents.Select(a => ToOutput(a, null)).ToList(), CliJsonContext.Output.ListAgentOutput);
            return ExitCodes.Success;
        }

        if (agents.Count == 0)
        {
            ctx.Output.Out.WriteLine("No agents registered. Register one with 'mandate agent register'.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("ID", "SPIFFE ID", "SPONSOR", "MODEL", "STATUS", "CREATED");
        table.Border = TableBorder.Simple;
        foreach (var a in agents)
        {
            table.AddRow(
                Markup.Escape(a.Id.Value),
                Markup.Escape(a.SpiffeId),
                Markup.Escape(a.Sponsor),
                Markup.Escape(a.Model ?? "-"),
                a.IsRevoked ? "[red]revoked[/]" : "[green]active[/]",
                a.CreatedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }

        Terminal.Write(ctx.Output.Out, table);
        return ExitCodes.Success;
    }

    private static int Show(ParseResult parse, CliContext ctx)
    {
        var registry = ctx.Agents();
        var agent = registry.IsSuccess ? registry.Value.Find(parse.GetValue(Id)!) : registry.Error;
        return agent.IsSuccess ? Print(ctx, agent.Value) : ctx.Output.Fail(agent.Error);
    }

    private static int Revoke(ParseResult parse, CliContext ctx)
    {
        var registry = ctx.Agents();
        var agent = registry.IsSuccess ? registry.Value.Revoke(parse.GetValue(Id)!, parse.GetValue(Reason)!, ctx.Actor) : registry.Error;
        if (!agent.IsSuccess)
        {
            return ctx.Output.Fail(agent.Error);
        }

        // A revoked agent keeps nothing: every mandate it holds goes too, with what was delegated from them.
        // If that cannot be done, say so: the agent's mandates would otherwise stay valid unnoticed.
        var mandates = MandateCli.Service(ctx);
        var cascade = mandates.IsSuccess
            ? mandates.Value.Revoke(new Core.Storage.MandateFilter { AgentId = agent.Value.Id.Value }, "agent revoked: " + parse.GetValue(Reason), ctx.Actor)
            : mandates.Error;
        if (!cascade.IsSuccess)
        {
            return ctx.Output.Fail(cascade.Error with
            {
                Message = $"Agent {agent.Value.Id} is revoked, but its mandates could not be: {cascade.Error.Message}",
                Fix = $"Fix the cause, then run 'mandate revoke --agent {agent.Value.Id} --reason \"agent revoked\"'.",
            });
        }

        return Print(ctx, agent.Value);
    }

    private static int Print(CliContext ctx, Agent a)
    {
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(ToOutput(a, null), CliJsonContext.Output.AgentOutput);
            return ExitCodes.Success;
        }

        var w = ctx.Output.Out;
        w.WriteLine($"id           {a.Id}");
        w.WriteLine($"spiffe id    {a.SpiffeId}");
        w.WriteLine($"type         {a.Type}");
        w.WriteLine($"project      {a.Project}");
        w.WriteLine($"sponsor      {a.Sponsor}");
        w.WriteLine($"model        {a.Model ?? "-"}");
        w.WriteLine($"provider     {a.Provider ?? "-"}");
        w.WriteLine($"description  {a.Description ?? "-"}");
        w.WriteLine($"created      {a.CreatedAt:u} by {a.CreatedBy}");
        w.WriteLine(a.IsRevoked ? $"status       revoked at {a.RevokedAt:u}: {a.RevocationReason}" : "status       active");
        return ExitCodes.Success;
    }

    private static AgentOutput ToOutput(Agent a, string? note) => new(
        a.Id.Value, a.SpiffeId, a.Type, a.Project, a.Sponsor, a.Model, a.Provider, a.Description, a.CreatedAt, a.CreatedBy,
        a.IsRevoked ? "revoked" : "active", a.RevokedAt, a.RevocationReason, note);
}
