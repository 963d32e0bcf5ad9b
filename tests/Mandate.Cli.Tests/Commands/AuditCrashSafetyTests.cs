using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// Issue 3, durability and concurrency: writer processes appending at once, killed with SIGKILL
/// mid-stream, lose no acknowledged record; sequence numbers stay dense and the tree never forks.
/// </summary>
public sealed class AuditCrashSafetyTests
{
    private static readonly TimeSpan RoundLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KillNine_DuringTenThousandAppendsFromTwoProcesses_LosesNoAcknowledgedRecord()
    {
        using var home = await new TempHome().InitAsync();
        var acknowledged = new List<(string Writer, long Seq, long N)>();
        for (var round = 1; round <= 3; round++)
        {
            using var a = AuditWriterProcess.Start(home, $"r{round}a", 5_000);
            using var b = AuditWriterProcess.Start(home, $"r{round}b", 5_000);
            var killAfter = RandomNumberGenerator.GetInt32(100, 1_500);
            await WaitUntilAsync(() => a.Count + b.Count >= killAfter || (a.HasExited && b.HasExited));
            a.Kill();
            b.Kill();
            foreach (var writer in new[] { a, b })
            {
                acknowledged.AddRange((await writer.AcknowledgedAsync(RoundLimit)).Select(x => (writer.Name, x.Seq, x.N)));
            }
        }

        var stored = await ExportAsync(home);
        var verify = (await home.RunAsync("audit", "verify")).AssertSuccess();

        Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} appends were acknowledged before the kills");
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Keys.Order());
        Assert.StartsWith($"intact: {stored.Count} records", verify.Stdout, StringComparison.Ordinal);
        foreach (var (writer, seq, n) in acknowledged)
        {
            Assert.True(stored.TryGetValue(seq, out var record), $"acknowledged seq {seq} ({writer} #{n}) is missing after the kills");
            Assert.Equal((writer, n), record);
        }
    }

    [Fact]
    public async Task TwoProcessesAppendingAtOnce_GetDenseSeqsAndOneTree()
    {
        using var home = await new TempHome().InitAsync();
        using var a = AuditWriterProcess.Start(home, "a", 300);
        using var b = AuditWriterProcess.Start(home, "b", 300);

        var ackA = await a.AcknowledgedAsync(RoundLimit);
        var ackB = await b.AcknowledgedAsync(RoundLimit);
        var stored = await ExportAsync(home);
        var verify = (await home.RunAsync("audit", "verify")).AssertSuccess();

        Assert.Equal(300, ackA.Count);
        Assert.Equal(300, ackB.Count);
        Assert.Equal(Enumerable.Range(2, 600).Select(i => (long)i), ackA.Concat(ackB).Select(x => x.Seq).Order());
        Assert.Equal(ackA.Select(x => x.Seq).Order(), ackA.Select(x => x.Seq));
        Assert.Equal(ackB.Select(x => x.Seq).Order(), ackB.Select(x => x.Seq));
        Assert.All(ackA, x => Assert.Equal(("a", x.N), stored[x.Seq]));
        Assert.All(ackB, x => Assert.Equal(("b", x.N), stored[x.Seq]));
        Assert.StartsWith("intact: 601 records", verify.Stdout, StringComparison.Ordinal);
    }

    /// <summary>seq → (writer, n) of every stored record, from <c>audit export</c>; the init record maps to ("", 0).</summary>
    private static async Task<Dictionary<long, (string Writer, long N)>> ExportAsync(TempHome home)
    {
        var export = (await home.RunAsync("audit", "export")).AssertSuccess().Stdout;
        var stored = new Dictionary<long, (string, long)>();
        foreach (var line in export.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var seq = json.RootElement.GetProperty("seq").GetInt64();
            var details = json.RootElement.GetProperty("details");
            stored[seq] = details.TryGetProperty("writer", out var w)
                ? (w.GetString()!, long.Parse(details.GetProperty("n").GetString()!, CultureInfo.InvariantCulture))
                : ("", 0);
        }

        return stored;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(RoundLimit);
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
