using Mandate.Agents.Shell;

namespace Mandate.Agents.Tests.Shell;

internal static class ShellTestContext
{
    public static readonly ShellContext Context = new("/work/repo", "/home/dev");

    public static ShellAnalysis Analyze(string command) => ShellAnalyzer.Analyze(command, Context);

    public static bool ReadsPath(this ShellAnalysis analysis, string path) => analysis.Commands.Any(c => c.Reads.Contains(path));

    public static bool WritesPath(this ShellAnalysis analysis, string path) => analysis.Commands.Any(c => c.Writes.Contains(path));

    public static bool ReachesHost(this ShellAnalysis analysis, string name) => analysis.Commands.Any(c => c.Hosts.Any(h => h.Name == name));

    public static HostRef Host(this ShellAnalysis analysis, string name) => analysis.Commands.SelectMany(c => c.Hosts).First(h => h.Name == name);

    public static SimpleCommand Command(this ShellAnalysis analysis, string program) => analysis.Commands.First(c => c.Program == program);

    public static string Describe(this ShellAnalysis analysis) =>
        (analysis.Error ?? "") + string.Join(" | ", analysis.Commands.Select(c => c + " R[" + string.Join(',', c.Reads) + "] W[" + string.Join(',', c.Writes) + "] H[" + string.Join(',', c.Hosts) + "]"));
}
