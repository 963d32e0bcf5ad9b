using Mandate.Agents.Hooks;
using Mandate.Core.Home;

namespace Mandate.Agents.Runtime;

/// <summary>
/// One hook event, from the agent's payload on stdin to the answer on stdout. It is on the path of every
/// tool call, so it starts as little as it can, and no path out of it — a usage error, a bug, a missing
/// home — may end in an exit code an agent reads as "go ahead". Everything ends in a reply from
/// <see cref="HookResponder"/>, and every failure in <see cref="HookResponder.Fail"/>: exit 2, the reason on stderr.
/// </summary>
public static class HookRuntime
{
    /// <summary>Runs the hook for <paramref name="args"/> (the dialect alone) and returns the exit code.</summary>
    public static int Run(string[] args, Stream stdin, TextWriter stdout, TextWriter stderr, HookHost host, MandateHome? home = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        HookDialect? dialect = null;
        HookReply reply;
        try
        {
            if (args.Length != 1 || !HookDialects.TryParse(args[0], out var parsed))
            {
                reply = HookResponder.Fail(null, host.Usage);
            }
            else
            {
                dialect = parsed;
                reply = Handle(parsed, ReadInput(stdin), host, home);
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

    private static HookReply Handle(HookDialect dialect, byte[] input, HookHost host, MandateHome? home)
    {
        var parsed = HookParser.Parse(dialect, input, Environment.CurrentDirectory);
        if (!parsed.IsSuccess)
        {
            return HookResponder.Fail(dialect, $"{parsed.Error.Code}: {parsed.Error.Message}");
        }

        home ??= MandateHome.Resolve(
            Environment.GetEnvironmentVariable(MandateHome.EnvironmentVariable),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify));
        using var ctx = new HomeContext(host.OpenStore, home, TimeProvider.System);
        if (!ctx.Settings.IsSuccess)
        {
            return HookResponder.Fail(dialect, $"Mandate is not set up at {home.Root} ({ctx.Settings.Error.Code}: {ctx.Settings.Error.Message}). Run 'mandate init'.");
        }

        return parsed.Value.Kind is HookEventKind.SessionStart or HookEventKind.SessionEnd
            ? host.Session(parsed.Value, input, home)
            : new HookHandler(ctx, parsed.Value).Handle();
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
