using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// One running <c>tests/Mandate.AuditWriter</c>: appends records to a home's audit log and prints
/// <c>ack &lt;seq&gt; &lt;n&gt; ok</c> after each durable commit. <see cref="Kill"/> is SIGKILL (kill -9).
/// </summary>
internal sealed partial class AuditWriterProcess : IDisposable
{
    private static readonly Lazy<string> Binary = new(Find);

    private readonly Process _process;
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private readonly List<(long Seq, long N)> _acknowledged = [];

    private AuditWriterProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _reader = Task.Run(ReadAsync);
    }

    public string Name { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged.Count;
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static AuditWriterProcess Start(TempHome home, string name, int count)
    {
        var start = new ProcessStartInfo(Binary.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(home.Home);
        start.ArgumentList.Add(name);
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new AuditWriterProcess(Process.Start(start) ?? throw new InvalidOperationException("The audit writer did not start."), name);
    }

    /// <summary>kill -9: no chance to finish a transaction, flush or close anything.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
    }

    /// <summary>Waits for the process to end and returns every (seq, n) it acknowledged.</summary>
    public async Task<IReadOnlyList<(long Seq, long N)>> AcknowledgedAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _reader.WaitAsync(cts.Token);
        var stderr = await _process.StandardError.ReadToEndAsync(cts.Token);
        Assert.True(stderr.Length == 0, $"audit writer {Name} wrote to stderr: {stderr}");
        lock (_gate)
        {
            return [.. _acknowledged];
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            // A line cut by the kill has no " ok": it was never fully acknowledged.
            var m = Ack().Match(line);
            if (m.Success)
            {
                lock (_gate)
                {
                    _acknowledged.Add((long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }
    }

    /// <summary>
    /// <c>$MANDATE_AUDIT_WRITER</c>, else the writer built beside this test project: the same build
    /// output layout with the project name swapped (bin/Release/net10.0 or an artifacts path).
    /// </summary>
    private static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MANDATE_AUDIT_WRITER");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var name = OperatingSystem.IsWindows() ? "Mandate.AuditWriter.exe" : "Mandate.AuditWriter";
        var path = Path.Combine(AppContext.BaseDirectory.Replace("Mandate.Cli.Tests", "Mandate.AuditWriter", StringComparison.Ordinal), name);
        Assert.True(File.Exists(path), $"The audit writer is not at '{path}'. Build the solution (dotnet build Mandate.slnx builds tests/Mandate.AuditWriter), or set MANDATE_AUDIT_WRITER.");
        return path;
    }

    [GeneratedRegex(@"^ack (\d+) (\d+) ok$")]
    private static partial Regex Ack();
}
