using System.Text;
using Mandate.Agents.Runtime;
using Mandate.Hook;
using Mandate.Storage.Sqlite;

// mandate-hook <agent>: what 'mandate install' registers with each agent. Every way out is a decision or a
// deny (HookRuntime), never an exit code an agent reads as "go ahead".
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(StandardStreams.Open(1, FileAccess.Write), utf8);
using var stderr = new StreamWriter(StandardStreams.Open(2, FileAccess.Write), utf8);
return HookRuntime.Run(args, StandardStreams.Open(0, FileAccess.Read), stdout, stderr, new HookHost
{
    Usage = "usage: mandate-hook <claude-code|cursor|gemini|copilot|codex>",
    OpenStore = SqliteStore.Open,
    Session = FullBinary.Session,
});
