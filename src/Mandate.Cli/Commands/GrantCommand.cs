using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Mandates;
using Mandate.Core.Time;

namespace Mandate.Cli.Commands;

internal static class GrantCommand
{
    private static readonly Option<string> Agent = new("--agent") { Description = "The agent's id or SPIFFE ID.", Required = true };
    private static readonly Option<string> Task = new("--task") { Description = "A short title of the task, e.g. \"refactor auth\".", Required = true };
    private static readonly Option<string> Purpose = new("--purpose") { Description = "Why the agent acts: shown in every audit record.", Required = true };
    private static readonly Option<string> Scope = new("--scope") { Description = "Capabilities kind:verb:target, space-separated (docs/scopes.md).", Required = true };
    private static readonly Option<string?> Ttl = new("--ttl") { Description = "Lifetime, e.g. 2h [default: config ttl.mandate; at most ttl.mandate_max]." };
    private static readonly Option<int> MaxDepth = new("--max-depth") { Description = "How many times it may be delegated on to sub-agents.", DefaultValueFactory = _ => 2 };
    private static readonly Option<string?> Ask = new("--ask") { Description = "Capabilities that still need a human's approval each time." };
    private static readonly Option<string?> Audience = new("--audience") { Description = "Who the mandate is for (aud)." };
    private static readonly Option<string?> Bind = new("--bind") { Description = "Bind the mandate to this X.509-SVID (svid.pem): only its holder may present it." };

    public static Command Create()
    {
        var command = new Command("grant", "Grant an agent a task-scoped mandate, as the human in config user.email; prints the token.")
        {
            Agent, Task, Purpose, Scope, Ttl, MaxDepth, Ask, Audience, Bind,
        };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var service = MandateCli.Service(ctx);
        if (!service.IsSuccess)
        {
            return ctx.Output.Fail(service.Error);
        }

        var ttl = parse.GetValue(Ttl) is { } text ? DurationText.Parse(text, "--ttl") : ctx.Settings.Value.MandateTtl;
        var bind = ttl.IsSuccess ? MandateCli.ReadCertificate(parse.GetValue(Bind)) : ttl.Error;
        if (!bind.IsSuccess)
        {
            return ctx.Output.Fail(bind.Error);
        }

        var issued = service.Value.Grant(
            new GrantRequest
            {
                HumanEmail = ctx.Settings.Value.UserEmail,
                Agent = parse.GetValue(Agent)!,
                Title = parse.GetValue(Task)!,
                Purpose = parse.GetValue(Purpose)!,
                Scope = parse.GetValue(Scope)!,
                Ttl = ttl.Value,
                MaxDepth = parse.GetValue(MaxDepth),
                Ask = parse.GetValue(Ask),
                Audience = parse.GetValue(Audience),
                BindCertificate = bind.Value,
            },
            ctx.Actor);
        return issued.IsSuccess ? Print(ctx, issued.Value) : ctx.Output.Fail(issued.Error);
    }

    internal static int Print(CliContext ctx, IssuedMandate issued)
    {
        var c = issued.Claims;
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["token"] = issued.Token,
                ["jti"] = c.Jti,
                ["task_id"] = c.Task.Id,
                ["actor"] = c.Actor,
                ["human"] = c.HumanEmail,
                ["scope"] = c.Scope.ToString(),
                ["depth"] = c.Depth,
                ["expires_at"] = c.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine(issued.Token);
        }

        return ExitCodes.Success;
    }
}
