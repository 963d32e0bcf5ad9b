using System.CommandLine;
using Mandate.Agents.Runtime;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Mandates;
using Mandate.Core.Time;

namespace Mandate.Cli.Commands;

/// <summary><c>mandate task default|start|stop</c>: which mandate a project's agent sessions work under.</summary>
internal static class TaskCommand
{
    private static readonly Option<string> Scope = new("--scope") { Description = "Capabilities kind:verb:target (docs/scopes.md) each session is granted.", Required = true };
    private static readonly Option<string> Purpose = new("--purpose") { Description = "Why the agents act: shown in every audit record.", Required = true };
    private static readonly Option<string> Ttl = new("--ttl") { Description = "Lifetime of each session's mandate.", DefaultValueFactory = _ => "4h" };
    private static readonly Option<string?> Title = new("--title") { Description = "A short title of the task." };
    private static readonly Option<string?> Ask = new("--ask") { Description = "Capabilities that still need a human's approval each time." };
    private static readonly Option<string?> Project = new("--project") { Description = "The project directory [default: the current directory's project]." };
    private static readonly Argument<string?> Token = new("mandate") { Description = "A mandate token or a file holding one [default: MANDATE_TOKEN / MANDATE_TOKEN_FILE].", Arity = ArgumentArity.ZeroOrOne };

    public static Command Create()
    {
        var defaults = new Command("default", "Set the project's default task (.mandate/task.json): at each agent session start, Mandate grants a session mandate from it on your behalf.")
        {
            Scope, Purpose, Ttl, Title, Ask, Project,
        };
        defaults.SetHandler(SetDefault);
        var start = new Command("start", "Make a mandate the project's active task: agent sessions in the project work under it.") { Token, Project };
        start.SetHandler(Start);
        var stop = new Command("stop", "End the project's active task.") { Project };
        stop.SetHandler(Stop);
        return new Command("task", "Choose the mandate a project's agent sessions work under.") { defaults, start, stop };
    }

    private static string ProjectOf(ParseResult parse) => ProjectRoot.Find(Path.GetFullPath(parse.GetValue(Project) ?? Environment.CurrentDirectory));

    private static int SetDefault(ParseResult parse, CliContext ctx)
    {
        var scope = Core.Mandates.Scope.Parse(parse.GetValue(Scope));
        var ask = scope.IsSuccess ? Core.Mandates.Scope.Parse(parse.GetValue(Ask), allowEmpty: true) : scope.Error;
        var ttl = ask.IsSuccess ? DurationText.Parse(parse.GetValue(Ttl), "--ttl") : ask.Error;
        if (!ttl.IsSuccess)
        {
            return ctx.Output.Fail(ttl.Error);
        }

        var project = ProjectOf(parse);
        var task = new ProjectTask(parse.GetValue(Title) ?? "project default", parse.GetValue(Purpose)!, scope.Value.ToString(), ttl.Value, ask.Value.IsEmpty ? null : ask.Value.ToString());
        task.SaveDefault(project);
        ctx.Output.Out.WriteLine($"{ProjectTask.DefaultPath(project)}: each agent session in {project} will be granted '{task.Scope}' for {DurationText.Format(task.Ttl)}.");
        return ExitCodes.Success;
    }

    private static int Start(ParseResult parse, CliContext ctx)
    {
        var token = MandateCli.ReadToken(parse.GetValue(Token));
        var authority = token.IsSuccess ? ctx.Authority : token.Error;
        if (!authority.IsSuccess)
        {
            return ctx.Output.Fail(authority.Error);
        }

        var verification = new MandateVerifier(authority.Value.Bundle(1), ctx.Time, ctx.Store.Mandates.IsRevoked)
            .Verify(token.Value, new MandateVerificationOptions { RequirePresenterForBoundMandate = false });
        if (!verification.IsValid)
        {
            return ctx.Output.Fail(verification.Error);
        }

        if (verification.Claims.Thumbprint is not null)
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.MandateRequestInvalid, "This mandate is bound to one session's SVID, so it cannot be a project's task.", "Grant one without --bind for the task, or let each session get its own from 'mandate task default'."));
        }

        var project = ProjectOf(parse);
        var path = ProjectTask.ActivePath(ctx.Home, project);
        KeyFiles.CreatePrivateDirectory(Path.GetDirectoryName(path)!);
        KeyFiles.WritePrivate(path, token.Value);

        var c = verification.Claims;
        ctx.Output.Out.WriteLine($"active task in {project}: {c.Task.Purpose} ({c.Jti}, scope '{c.Scope}', until {c.ExpiresAt:u})");
        return ExitCodes.Success;
    }

    private static int Stop(ParseResult parse, CliContext ctx)
    {
        var path = ProjectTask.ActivePath(ctx.Home, ProjectOf(parse));
        if (!File.Exists(path))
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.MandateRequestInvalid, "The project has no active task.", "Start one with 'mandate task start <mandate>'."));
        }

        File.Delete(path);
        ctx.Output.Out.WriteLine("active task ended");
        return ExitCodes.Success;
    }
}
