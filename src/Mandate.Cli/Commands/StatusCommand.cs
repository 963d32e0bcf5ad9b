using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;
using Mandate.Agents.Install;
using Mandate.Agents.Runtime;

namespace Mandate.Cli.Commands;

/// <summary><c>mandate status</c>: which agents are protected, where, and by which policies and mandate.</summary>
internal static class StatusCommand
{
    private static readonly Option<string?> Project = new("--project") { Description = "The project directory [default: the current directory]." };

    public static Command Create()
    {
        var command = new Command("status", "Show which agents are protected, where, by which policies, and under which mandate.") { Project };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var project = ProjectRoot.Find(Path.GetFullPath(parse.GetValue(Project) ?? Environment.CurrentDirectory));
        var statuses = InstallCommand.Paths(project).All().Select(Installer.Status).ToList();
        var bundle = PolicyBundle.Load(Path.Combine(ctx.Home.Root, "policies"), Path.Combine(project, ".mandate", "policies"));
        var mode = ctx.Settings.IsSuccess && ctx.Settings.Value.Shadow ? "shadow" : "enforce";
        var defaults = ProjectTask.LoadDefault(project);
        var active = ProjectTask.ActiveToken(ctx.Home, project) is not null;
        var mandate = active ? "the project's active task (mandate task start)"
            : defaults is { IsSuccess: true, Value: { } d } ? $"a session mandate from the project default: {d.Scope}"
            : "none: reads inside the project are allowed, everything else is asked";
        var policies = bundle.IsSuccess
            ? $"{bundle.Value.Sources.Count(s => s.File.StartsWith(PolicyBundle.BuiltinPrefix, StringComparison.Ordinal))} built-in guardrails, {bundle.Value.Sources.Count(s => !s.File.StartsWith(PolicyBundle.BuiltinPrefix, StringComparison.Ordinal))} policies of yours"
            : $"BROKEN ({bundle.Error.Message}) — every tool call is denied";

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["project"] = project,
                ["mode"] = mode,
                ["policies"] = policies,
                ["mandate"] = mandate,
                ["agents"] = new JsonArray([.. statuses.Select(s => (JsonNode?)new JsonObject
                {
                    ["agent"] = HookDialects.Name(s.Target.Agent),
                    ["scope"] = s.Target.Scope.ToString().ToLowerInvariant(),
                    ["file"] = s.Target.ConfigPath,
                    ["installed"] = s.Installed,
                    ["complete"] = s.Complete,
                    ["binary"] = s.Binary,
                    ["problem"] = s.Problem,
                })]),
            }.ToJsonString());
            return ExitCodes.Success;
        }

        ctx.Output.Out.WriteLine($"project   {project}");
        ctx.Output.Out.WriteLine($"mode      {mode}");
        ctx.Output.Out.WriteLine($"policies  {policies}");
        ctx.Output.Out.WriteLine($"mandate   {mandate}");
        foreach (var agent in HookDialects.All)
        {
            var installed = statuses.Where(s => s.Target.Agent == agent && s.Installed).ToList();
            var where = installed.Count == 0
                ? "not protected (mandate install " + HookDialects.Name(agent) + ")"
                : string.Join("; ", installed.Select(s => $"{s.Target.Scope.ToString().ToLowerInvariant()} {s.Target.ConfigPath}{(s.Complete ? "" : " (incomplete: " + string.Join(", ", s.MissingEvents) + ")")}"));
            ctx.Output.Out.WriteLine($"{HookDialects.Name(agent),-12}{where}");
        }

        foreach (var broken in statuses.Where(s => s.Problem is not null && s.FileExists))
        {
            ctx.Output.Err.WriteLine($"warning: {broken.Target.ConfigPath}: {broken.Problem}");
        }

        return ExitCodes.Success;
    }
}
