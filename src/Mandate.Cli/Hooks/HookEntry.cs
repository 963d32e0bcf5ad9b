using Mandate.Agents.Hooks;
using Mandate.Cli.Output;
using Mandate.Core.Home;

namespace Mandate.Cli.Hooks;

/// <summary>
/// <c>mandate hook &lt;agent&gt;</c>, run before System.CommandLine is even built: it is on the path of every
/// tool call, so it starts as little as it can, and no path out of it — a usage error, a bug, a missing
/// home — may end in an exit code an agent reads as "go ahead". Everything ends in a reply from
/// <see cref="HookResponder"/>, and every failure in <see cref="HookResponder.Fail"/>: exit 2, the reason on stderr.
/// </summary>
internal static class HookEntry
{
    public const string Usage = "usage: mandate hook <claude-code|cursor|gemini|copilot|codex>";

    public static int Run(string[] args, Stream stdin, TextWriter stdout, TextWriter stderr, MandateHome? home = null)
    {
        HookDialect? dialect = null;
        HookReply reply;
        try
        {
            if (args.Length != 2 || !HookDialects.TryParse(args[1], out var parsed))
            {
                reply = HookResponder.Fail(null, Usage);
            }
            else
            {
                dialect = parsed;
                reply = Handle(parsed, ReadInput(stdin), home);
            }
        }
        catch (Exception e)
        {
            // A bug or broken infrastructure: deny, naming only the exception type (its message may quote input).
            reply = HookResponder.Fail(dialect, $"internal error ({e.GetType().Name}); Mandate fails closed. Set MANDATE_DEBUG=1 and rerun to see details.");
            if (Environment.GetEnvironmentVariable("MANDATE_DEBUG") == "1")
            {
                stderr.WriteLine(e);
            }
        }

        stdout.Write(reply.Stdout);
        stderr.Write(reply.Stderr);
        stdout.Flush();
        stderr.Flush();
        return reply.ExitCode;
    }

    private static HookReply Handle(HookDialect dialect, byte[] input, MandateHome? home)
    {
        var parsed = HookParser.Parse(dialect, input, Environment.CurrentDirectory);
        if (!parsed.IsSuccess)
        {
            return HookResponder.Fail(dialect, $"{parsed.Error.Code}: {parsed.Error.Message}");
        }

        home ??= MandateHome.Resolve(
            Environment.GetEnvironmentVariable(MandateHome.EnvironmentVariable),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        using var ctx = new CliContext(new CliOutput(false, TextWriter.Null, TextWriter.Null), home, TimeProvider.System);
        if (!ctx.Settings.IsSuccess)
        {
            return HookResponder.Fail(dialect, $"Mandate is not set up at {home.Root} ({ctx.Settings.Error.Code}: {ctx.Settings.Error.Message}). Run 'mandate init'.");
        }

        return new HookHandler(ctx, parsed.Value).Handle();
    }

    /// <summary>Reads at most one byte more than the parser accepts, so an oversized payload is refused without reading it all.</summary>
    private static byte[] ReadInput(Stream stdin)
    {
        // Hook payloads are a few kilobytes: grow from 16 KiB rather than zeroing the 1 MiB limit on every tool call.
        using var buffer = new MemoryStream(16 * 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length <= HookParser.MaxInputBytes && (read = stdin.Read(chunk, 0, (int)Math.Min(chunk.Length, HookParser.MaxInputBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
