using System.CommandLine;
using Mandate.Core.Storage;

namespace Mandate.Cli;

/// <summary>
/// Runs a command's handler with its context; broken infrastructure becomes exit 3 with one line
/// on stderr, never a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static void SetHandler(this Command command, Func<ParseResult, CliContext, int> handler) =>
        command.SetAction(parse => Run(parse, handler));

    private static int Run(ParseResult parse, Func<ParseResult, CliContext, int> handler)
    {
        using var context = CliContext.From(parse);
        try
        {
            return handler(parse, context);
        }
        catch (StoreException e)
        {
            context.Output.Err.WriteLine($"error MDT1090: {e.Message} Fix: check that the home's disk is writable and not full, then retry.");
            return ExitCodes.Internal;
        }
        catch (IOException e)
        {
            context.Output.Err.WriteLine($"error MDT1091: a file operation failed: {e.Message} Fix: check the path and its permissions, then retry.");
            return ExitCodes.Internal;
        }
        catch (UnauthorizedAccessException e)
        {
            context.Output.Err.WriteLine($"error MDT1092: permission denied: {e.Message} Fix: check the permissions of the path, then retry.");
            return ExitCodes.Internal;
        }
    }
}
