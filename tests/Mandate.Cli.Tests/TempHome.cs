using System.Text.Json;

namespace Mandate.Cli.Tests;

/// <summary>
/// A temporary folder for one test, with <c>MANDATE_HOME</c> pointing at <c>&lt;folder&gt;/home</c>
/// (not created until <c>mandate init</c>). Everything is deleted when the test ends.
/// </summary>
internal sealed class TempHome : IDisposable
{
    public TempHome()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mandate-cli-").FullName;
        Home = Path.Combine(Directory, "home");
    }

    /// <summary>The test's scratch folder: put output and other files here.</summary>
    public string Directory { get; }

    public string Home { get; }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["MANDATE_HOME"] = Home };

    public string PathOf(string name) => Path.Combine(Directory, name);

    public Task<ProcessResult> RunAsync(params string[] args) => CliRunner.RunMandateAsync(Environment, args);

    public Task<ProcessResult> RunWithStdinAsync(string stdin, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Mandate, args, Environment, stdin: stdin);

    public async Task<TempHome> InitAsync(string trustDomain = "acme.dev")
    {
        (await RunAsync("init", "--trust-domain", trustDomain)).AssertSuccess();
        return this;
    }

    /// <summary>Registers an agent and returns its id (agt_…) and SPIFFE ID, read from <c>--json</c>.</summary>
    public async Task<(string Id, string SpiffeId)> RegisterAsync(string type = "claude-code", string project = "webapp")
    {
        var result = (await RunAsync("agent", "register", "--type", type, "--project", project, "--sponsor", "jane@acme.dev", "--json")).AssertSuccess();
        using var json = JsonDocument.Parse(result.Stdout);
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("spiffe_id").GetString()!);
    }

    /// <summary>A file's Unix permissions; these end-to-end tests run where the Native AOT binary does (Linux).</summary>
    public static UnixFileMode ModeOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("File modes are checked on Unix only.");
        }

        return File.GetUnixFileMode(path);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // A test made a folder read-only; the OS temp cleaner gets it.
        }
    }
}
