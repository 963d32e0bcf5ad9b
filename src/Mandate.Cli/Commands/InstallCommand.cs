using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Agents.Hooks;
using Mandate.Agents.Install;

namespace Mandate.Cli.Commands;

/// <summary><c>mandate install|uninstall &lt;agent&gt;</c>: Mandate's hooks in an agent's configuration.</summary>
internal static class InstallCommand
{
    public const string ManagedRootVariable = "MANDATE_MANAGED_ROOT";

    private static readonly Argument<string> Agent = new("agent") { Description = "claude-code, cursor, gemini, copilot or codex." };
    private static readonly Option<string> Scope = new("--scope") { Description = "project (the repository's file), user (your home), or managed (the administrator's file, which a repository cannot switch off).", DefaultValueFactory = _ => "project" };
    private static readonly Option<string?> Project = new("--project") { Description = "The project directory [default: the current directory]." };

    public static Command CreateInstall()
    {
        var command = new Command("install", "Add Mandate's hooks to an agent's configuration, keeping every other setting; the hooks run this binary.") { Agent, Scope, Project, GitInstallCommand.Create(), AwsInstallCommand.Create() };
        command.SetHandler((parse, ctx) => Run(parse, ctx, install: true));
        return command;
    }

    public static Command CreateUninstall()
    {
        var command = new Command("uninstall", "Remove exactly the hooks 'mandate install' added, keeping everything else.") { Agent, Scope, Project };
        command.SetHandler((parse, ctx) => Run(parse, ctx, install: false));
        return command;
    }

    public static InstallPaths Paths(string? project) => new(
        Path.GetFullPath(project ?? Environment.CurrentDirectory),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify),
        Environment.GetEnvironmentVariable(ManagedRootVariable) is { Length: > 0 } root ? root : "/");

    private static int Run(ParseResult parse, CliContext ctx, bool install)
    {
        if (!HookDialects.TryParse(parse.GetValue(Agent), out var agent))
        {
            return ctx.Output.Usage($"'{parse.GetValue(Agent)}' is not an agent Mandate can protect.", "Use one of: claude-code, cursor, gemini, copilot, codex.");
        }

        InstallScope scope;
        switch (parse.GetValue(Scope))
        {
            case "project": scope = InstallScope.Project; break;
            case "user": scope = InstallScope.User; break;
            case "managed": scope = InstallScope.Managed; break;
            default: return ctx.Output.Usage($"'{parse.GetValue(Scope)}' is not a scope.", "Use --scope project, user or managed.");
        }

        var target = Paths(parse.GetValue(Project)).Target(agent, scope);
        var binary = Environment.ProcessPath ?? "mandate";
        var result = install ? Installer.Install(target, binary) : Installer.Uninstall(target);
        if (!result.IsSuccess)
        {
            return ctx.Output.Fail(result.Error);
        }

        if (install)
        {
            ctx.Store.Audit.Append(new Core.Audit.AuditRecord
            {
                Time = ctx.Time.GetUtcNow(),
                Kind = Core.Audit.AuditKinds.Admin,
                Event = "hooks.install",
                Actor = new Core.Audit.AuditActor(ctx.Actor),
                Resource = target.ConfigPath,
                Details = new Dictionary<string, string?> { ["agent"] = HookDialects.Name(agent), ["scope"] = parse.GetValue(Scope), ["binary"] = binary },
            });
        }

        var r = result.Value;
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["agent"] = HookDialects.Name(agent),
                ["scope"] = parse.GetValue(Scope),
                ["file"] = target.ConfigPath,
                ["changed"] = r.Changed,
                ["events"] = new JsonArray([.. r.Events.Select(e => (JsonNode?)e)]),
                ["binary"] = install ? HookProgram.For(binary) : null,
            }.ToJsonString());
        }
        else if (install)
        {
            ctx.Output.Out.WriteLine(r.Changed
                ? $"{HookDialects.Name(agent)} is protected: {target.ConfigPath} runs '{HookProgram.For(binary)} {string.Join(' ', HookProgram.Arguments(HookProgram.For(binary), agent))}' on {string.Join(", ", r.Events)}."
                : $"{HookDialects.Name(agent)} was already protected by {target.ConfigPath}; nothing changed.");
        }
        else
        {
            ctx.Output.Out.WriteLine(r.Changed ? $"Mandate's hooks removed from {target.ConfigPath}." : $"{target.ConfigPath} had no Mandate hooks; nothing changed.");
        }

        return ExitCodes.Success;
    }
}
