using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mandate.Cli.Output;
using Mandate.Core.Storage;
using Spectre.Console;

namespace Mandate.Cli.Commands;

internal static class MandateListCommand
{
    private static readonly Option<bool> Active = new("--active") { Description = "Only mandates neither expired nor revoked." };
    private static readonly Option<string?> Agent = new("--agent") { Description = "Only mandates held by this agent (id or SPIFFE ID)." };
    private static readonly Option<string?> Human = new("--human") { Description = "Only mandates granted by this human." };

    public static Command Create()
    {
        var command = new Command("list", "List issued mandates.") { Active, Agent, Human };
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

        var now = ctx.Time.GetUtcNow();
        var mandates = service.Value.List(new MandateFilter
        {
            AgentId = agentId.Value,
            HumanEmail = parse.GetValue(Human)?.Trim().ToLowerInvariant(),
            ActiveAt = parse.GetValue(Active) ? now : null,
        });
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonArray([.. mandates.Select(m => (JsonNode?)new JsonObject
            {
                ["jti"] = m.Jti,
                ["parent"] = m.ParentJti,
                ["actor"] = m.Actor,
                ["agent_id"] = m.AgentId,
                ["human"] = m.HumanEmail,
                ["task_id"] = m.TaskId,
                ["purpose"] = m.Purpose,
                ["scope"] = m.Scope,
                ["depth"] = m.Depth,
                ["issued_at"] = m.IssuedAt.ToString("O", CultureInfo.InvariantCulture),
                ["expires_at"] = m.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                ["status"] = Status(m, now),
            })]).ToJsonString());
            return ExitCodes.Success;
        }

        if (mandates.Count == 0)
        {
            ctx.Output.Out.WriteLine("No mandates. Grant one with 'mandate grant'.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("JTI", "AGENT", "HUMAN", "TASK", "DEPTH", "EXPIRES", "STATUS");
        table.Border = TableBorder.Simple;
        foreach (var m in mandates)
        {
            table.AddRow(
                Markup.Escape(m.Jti),
                Markup.Escape(m.Actor),
                Markup.Escape(m.HumanEmail),
                Markup.Escape(m.TaskId),
                m.Depth.ToString(CultureInfo.InvariantCulture),
                m.ExpiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Markup.Escape(Status(m, now)));
        }

        Terminal.Write(ctx.Output.Out, table);
        return ExitCodes.Success;
    }

    private static string Status(MandateRecord m, DateTimeOffset now) =>
        m.RevokedAt is not null ? "revoked" : m.ExpiresAt <= now ? "expired" : "active";
}
