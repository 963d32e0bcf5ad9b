using System.Text.RegularExpressions;

namespace Mandate.Cli.Tests;

/// <summary>What a finished process printed and returned.</summary>
internal sealed partial record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"$ {Command}\nexit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";

    /// <summary>Exit 0, nothing on stderr.</summary>
    public ProcessResult AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"expected exit 0\n{this}");
        Assert.True(Stderr.Length == 0, $"expected an empty stderr\n{this}");
        return this;
    }

    /// <summary>The documented failure shape: the exit code, and exactly one stderr line <c>error MDTxxxx: … Fix: …</c>.</summary>
    public ProcessResult AssertError(int exitCode, string code)
    {
        Assert.True(ExitCode == exitCode, $"expected exit {exitCode}\n{this}");
        AssertNoStackTrace();
        var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one stderr line\n{this}");
        Assert.Matches(ErrorLine(), lines[0]);
        Assert.StartsWith($"error {code}: ", lines[0], StringComparison.Ordinal);
        return this;
    }

    public void AssertNoStackTrace()
    {
        Assert.False(StackFrame().IsMatch(Stderr), $"stderr holds a stack trace\n{this}");
        Assert.DoesNotContain("Unhandled exception", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^error MDT\d{4}: .+ Fix: .+$")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^\s+at \S+", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
