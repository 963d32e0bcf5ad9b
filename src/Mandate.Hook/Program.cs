using Mandate.Agents.Runtime;
using Mandate.Hook;
using Mandate.Storage.Sqlite;

// mandate-hook <agent>: what 'mandate install' registers with each agent. Every way out is a decision or a
// deny (HookRuntime), never an exit code an agent reads as "go ahead".
return HookRuntime.Run(args, Console.OpenStandardInput(), Console.Out, Console.Error, new HookHost
{
    Usage = "usage: mandate-hook <claude-code|cursor|gemini|copilot|codex>",
    OpenStore = SqliteStore.Open,
    Session = FullBinary.Session,
});
