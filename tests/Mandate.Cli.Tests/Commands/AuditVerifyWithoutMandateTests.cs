using System.Text;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// Issue 3, point 7: <c>tools/verify_audit.py</c> (Python standard library only) recomputes the root
/// from <c>audit export --format jsonl</c> and checks it against <c>audit checkpoint</c>.
/// </summary>
public sealed class AuditVerifyWithoutMandateTests(AuditSeededHome seeded) : IClassFixture<AuditSeededHome>
{
    [Fact]
    public async Task VerifyAuditPy_ExportAndCheckpoint_RootMatches()
    {
        using var home = seeded.Copy();
        var (export, checkpoint) = await ExportAsync(home);

        var result = await RunScriptAsync(home, export, checkpoint);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"ok: acme.dev/mandate-audit, {AuditSeededHome.Records} of {AuditSeededHome.Records} records", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAuditPy_ExportWithAnEditedRecord_Fails()
    {
        using var home = seeded.Copy();
        var (export, checkpoint) = await ExportAsync(home);
        var lines = await File.ReadAllLinesAsync(export, TestContext.Current.CancellationToken);
        Assert.Contains("jane@acme.dev", lines[2], StringComparison.Ordinal);
        lines[2] = lines[2].Replace("jane@acme.dev", "eve@acme.dev", StringComparison.Ordinal);
        await File.WriteAllTextAsync(export, string.Join('\n', lines) + "\n", TestContext.Current.CancellationToken);

        var result = await RunScriptAsync(home, export, checkpoint);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("root mismatch", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAuditPy_ExportWithARecordDropped_Fails()
    {
        using var home = seeded.Copy();
        var (export, checkpoint) = await ExportAsync(home);
        var lines = (await File.ReadAllLinesAsync(export, TestContext.Current.CancellationToken)).ToList();
        lines.RemoveAt(1);
        await File.WriteAllTextAsync(export, string.Join('\n', lines) + "\n", TestContext.Current.CancellationToken);

        var result = await RunScriptAsync(home, export, checkpoint);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("line 2 holds seq 3", result.Stdout, StringComparison.Ordinal);
    }

    private static async Task<(string Export, string Checkpoint)> ExportAsync(TempHome home)
    {
        var export = home.PathOf("audit.jsonl");
        var checkpoint = home.PathOf("checkpoint.txt");
        var jsonl = (await home.RunAsync("audit", "export", "--format", "jsonl")).AssertSuccess().Stdout;
        var note = (await home.RunAsync("audit", "checkpoint")).AssertSuccess().Stdout;
        await File.WriteAllTextAsync(export, jsonl, new UTF8Encoding(false), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(checkpoint, note, new UTF8Encoding(false), TestContext.Current.CancellationToken);
        return (export, checkpoint);
    }

    private static Task<ProcessResult> RunScriptAsync(TempHome home, string export, string checkpoint)
    {
        var python = CliRunner.RequireTool("python3", "Install Python 3 (apt-get install python3; CI does): tools/verify_audit.py needs only its standard library.");
        var script = Path.Combine(CliRunner.RepositoryRoot, "tools", "verify_audit.py");
        return CliRunner.RunAsync(python, [script, export, checkpoint], workingDirectory: home.Directory);
    }
}
