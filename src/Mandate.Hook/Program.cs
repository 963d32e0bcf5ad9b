using System.Text;
using Mandate.Agents.Runtime;
using Mandate.Hook;
using Mandate.Storage.Sqlite;

// mandate-hook <agent>: what 'mandate install' registers with each agent. Every way out is a decision or a
// deny (HookRuntime), never an exit code an agent reads as "go ahead". The standard streams are opened raw:
// Console.Out would first set up the terminal and a signal-handling thread, which a hook never needs.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8);
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8);
return HookRuntime.Run(args, Console.OpenStandardInput(), stdout, stderr, new HookHost
{
    Usage = "usage: mandate-hook <claude-code|cursor|gemini|copilot|codex>",
    OpenStore = SqliteStore.Open,
    Session = FullBinary.Session,
});
