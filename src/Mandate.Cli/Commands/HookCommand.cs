using System.CommandLine;
using Mandate.Agents.Runtime;
using Mandate.Cli.Hooks;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate hook &lt;agent&gt;</c> in the command tree, for help. Program.cs runs <see cref="HookRuntime"/> before the
/// tree is built when the first argument is <c>hook</c>; this path only serves forms such as <c>mandate --json hook …</c>.
/// </summary>
internal static class HookCommand
{
    private static readonly Argument<string> Agent = new("agent") { Description = "claude-code, cursor, gemini, copilot or codex: the dialect of the JSON on stdin." };

    public static Command Create()
    {
        var command = new Command("hook", "Decide one agent hook event read from stdin (what 'mandate install' registers); answers in the agent's dialect, and denies on any failure.") { Agent };
        command.SetAction(parse => HookRuntime.Run([parse.GetValue(Agent)!], Console.OpenStandardInput(), Console.Out, Console.Error, SessionEvents.Host));
        return command;
    }
}
