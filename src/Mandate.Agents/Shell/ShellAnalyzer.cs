using Mandate.Agents.Shell.Internal;

namespace Mandate.Agents.Shell;

/// <summary>
/// Parses a shell command line (POSIX sh and bash syntax) and unfolds it into simple commands with the
/// files they read and write, the hosts they reach and whether they read the environment. When the text
/// cannot be understood the result is marked opaque instead of being guessed benign.
/// </summary>
public static class ShellAnalyzer
{
    /// <summary>Analyses <paramref name="command"/>; never throws, whatever the input.</summary>
    public static ShellAnalysis Analyze(string command, ShellContext context)
    {
        if (context is null || string.IsNullOrEmpty(context.WorkingDirectory) || string.IsNullOrEmpty(context.HomeDirectory))
        {
            return new ShellAnalysis { Commands = [], Error = "no working or home directory given" };
        }

        return Analyzer.Run(command ?? "", context);
    }
}
