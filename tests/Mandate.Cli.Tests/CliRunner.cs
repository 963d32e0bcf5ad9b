using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Mandate.Cli.Tests;

/// <summary>
/// Runs real processes: the <c>mandate</c> binary under test, <c>openssl</c> and <c>node</c>. Each run has
/// a 60 s limit after which the process tree is killed and the test fails.
/// </summary>
internal static class CliRunner
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<string> Binary = new(FindMandate);
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The binary under test: <c>$MANDATE_BIN</c> (the Native AOT build in ./test), else the apphost beside this assembly.</summary>
    public static string Mandate => Binary.Value;

    public static string RepositoryRoot => Root.Value;

    public static string InteropDirectory => Path.Combine(RepositoryRoot, "tests", "interop");

    public static Task<ProcessResult> RunMandateAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAsync(Mandate, args, environment);

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        string? stdin = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A developer's own settings must not leak into the process under test.
        start.Environment.Remove("MANDATE_HOME");
        start.Environment.Remove("MANDATE_DEBUG");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var command = Path.GetFileName(fileName) + " " + string.Join(" ", start.ArgumentList);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        try
        {
            if (stdin is not null)
            {
                // To the stream itself: nothing stays buffered in the writer to fail again when it is disposed.
                await process.StandardInput.BaseStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(stdin));
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input (a usage error, refused at once): a broken pipe, not a failure.
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return new ProcessResult(command, process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{command}' did not finish within {Timeout.TotalSeconds} s and was killed.");
            throw;
        }
    }

    /// <summary>A tool the tests need on PATH. Missing means the test FAILS, not skips: CI installs it.</summary>
    public static string RequireTool(string name, string install)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        Assert.True(path is not null, $"'{name}' is not on PATH; these end-to-end tests need it. {install}");
        return path!;
    }

    public static string Node()
    {
        var node = RequireTool("node", "Install Node.js 20 or later (CI does).");
        var jose = Path.Combine(InteropDirectory, "node_modules", "jose", "package.json");
        Assert.True(File.Exists(jose), $"{jose} is missing: run 'cd tests/interop && npm ci' first (.ci/run does).");
        return node;
    }

    public static string OpenSsl() => RequireTool("openssl", "Install OpenSSL 3 (apt-get install openssl; CI does).");

    private static string FindMandate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MANDATE_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            Assert.True(File.Exists(fromEnvironment), $"MANDATE_BIN is set to '{fromEnvironment}', which does not exist. Build it, or unset MANDATE_BIN to test the apphost.");
            return fromEnvironment;
        }

        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "mandate.exe" : "mandate");
        Assert.True(File.Exists(apphost), $"The mandate apphost is not at '{apphost}'. Build tests/Mandate.Cli.Tests (it references the CLI), or set MANDATE_BIN to a mandate binary.");
        return apphost;
    }

    /// <summary>The clone this test was built from: the folder holding Mandate.slnx, found from this source file or the working directory.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Path.GetDirectoryName(SourceFile()), Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mandate.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        Assert.Fail("Cannot find the repository root (the folder with Mandate.slnx) from the source path, the working directory or the test binary.");
        return "";
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
