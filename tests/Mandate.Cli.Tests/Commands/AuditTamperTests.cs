using System.Text;
using Mandate.Core.Audit;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// Issue 3: every class of tampering with <c>mandate.db</c> is caught by <c>mandate audit verify</c>
/// (exit 1, <c>MDT3001</c>, the first bad seq and what is wrong), each in its own test, through the
/// real binary; the untampered log verifies.
/// </summary>
public sealed class AuditTamperTests(AuditSeededHome seeded) : IClassFixture<AuditSeededHome>
{
    private const int N = AuditSeededHome.Records;

    [Fact]
    public async Task Verify_UntamperedLog_IsIntact()
    {
        using var home = seeded.Copy();

        var result = (await home.RunAsync("audit", "verify")).AssertSuccess();

        Assert.StartsWith($"intact: {N} records", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FieldEditedInTheDatabase_NamesTheRecord()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.SetRecord(3, Replace(db.Record(3), "jane@acme.dev", "eve@acme.dev"));
        }

        await AssertTamperedAsync(home, 3, "does not match its stored leaf hash");
    }

    [Fact]
    public async Task Verify_FieldEditedWithItsLeafHashRecomputed_NamesTheRecord()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            var forged = Replace(db.Record(3), "jane@acme.dev", "eve@acme.dev");
            db.SetRecord(3, forged);
            db.SetLeafHash(3, MerkleTree.HashLeaf(forged));
        }

        await AssertTamperedAsync(home, 3, "differs from the one stored in the tree");
    }

    [Fact]
    public async Task Verify_FieldEditedIntoNonCanonicalJson_NamesTheRecord()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.SetRecord(4, Replace(db.Record(4), "{\"actor\"", "{ \"actor\""));
        }

        await AssertTamperedAsync(home, 4, "not canonical JSON");
    }

    [Fact]
    public async Task Verify_RowDeleted_NamesTheMissingRecord()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.Execute("DELETE FROM audit_records WHERE seq = 3");
        }

        await AssertTamperedAsync(home, 3, "record 3 is missing");
    }

    [Fact]
    public async Task Verify_RowInsertedInTheMiddle_NamesTheForgedRecord()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            var forged = Replace(db.Record(3), "jane@acme.dev", "eve@acme.dev");
            db.Execute("UPDATE audit_records SET seq = -(seq + 1) WHERE seq >= 3");
            db.Execute("UPDATE audit_records SET seq = -seq WHERE seq < 0");
            db.InsertRecord(3, forged);
        }

        await AssertTamperedAsync(home, 3, "differs from the one stored in the tree");
    }

    [Fact]
    public async Task Verify_RowAppendedWithAValidLeafHash_NamesTheForgedRecord()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.InsertRecord(N + 1, Replace(db.Record(N), $"\"seq\":{N},", $"\"seq\":{N + 1},"));
        }

        await AssertTamperedAsync(home, N + 1, $"no node (0, {N})");
    }

    [Fact]
    public async Task Verify_TwoRowsSwapped_NamesTheFirstOfThem()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.Execute("UPDATE audit_records SET seq = -1 WHERE seq = 2");
            db.Execute("UPDATE audit_records SET seq = 2 WHERE seq = 3");
            db.Execute("UPDATE audit_records SET seq = 3 WHERE seq = -1");
        }

        await AssertTamperedAsync(home, 2, "own seq field (3) does not match its position");
    }

    [Fact]
    public async Task Verify_TailTruncatedAfterACheckpointWasExported_IsCaughtByTheExportedCheckpoint()
    {
        using var home = seeded.Copy();
        var exported = home.PathOf("checkpoint.txt");
        await File.WriteAllTextAsync(exported, (await home.RunAsync("audit", "checkpoint")).AssertSuccess().Stdout, TestContext.Current.CancellationToken);
        using (var db = new AuditDatabase(home))
        {
            // A careful attacker removes the records, their tree nodes and the stored checkpoints.
            db.Execute("DELETE FROM audit_records WHERE seq > 4");
            db.Execute("DELETE FROM audit_nodes WHERE ((idx + 1) << level) > 4");
            db.Execute("DELETE FROM audit_checkpoints");
        }

        var withoutExport = await home.RunAsync("audit", "verify");
        var withExport = await home.RunAsync("audit", "verify", "--checkpoint", exported);

        withoutExport.AssertSuccess(); // documented: only a checkpoint kept outside the home can tell
        AssertTampered(withExport, 5, $"the exported checkpoint covers {N} records but the log has only 4");
    }

    [Fact]
    public async Task Verify_TailTruncatedLeavingTheStoredCheckpoint_NamesTheFirstMissingRecord()
    {
        using var home = seeded.Copy();
        (await home.RunAsync("audit", "checkpoint")).AssertSuccess();
        using (var db = new AuditDatabase(home))
        {
            db.Execute("DELETE FROM audit_records WHERE seq > 4");
        }

        await AssertTamperedAsync(home, 5, "the tail was truncated");
    }

    [Fact]
    public async Task Verify_TailTruncatedWithoutAnyCheckpoint_IsCaughtByTheLeftoverTree()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.Execute("DELETE FROM audit_records WHERE seq > 4");
        }

        await AssertTamperedAsync(home, 5, "beyond the log's 4 records");
    }

    [Fact]
    public async Task Verify_HistoryRewrittenAfterACheckpointWasExported_IsCaughtByTheExportedCheckpoint()
    {
        using var home = seeded.Copy();
        var exported = home.PathOf("checkpoint.txt");
        await File.WriteAllTextAsync(exported, (await home.RunAsync("audit", "checkpoint")).AssertSuccess().Stdout, TestContext.Current.CancellationToken);
        using (var db = new AuditDatabase(home))
        {
            // Record, leaf hash and whole tree rewritten consistently, stored checkpoints dropped.
            var forged = Replace(db.Record(3), "jane@acme.dev", "eve@acme.dev");
            db.SetRecord(3, forged);
            db.SetLeafHash(3, MerkleTree.HashLeaf(forged));
            db.RebuildNodes();
            db.Execute("DELETE FROM audit_checkpoints");
        }

        var withExport = await home.RunAsync("audit", "verify", "--checkpoint", exported);

        AssertTampered(withExport, N, "the log was rewritten after it was exported");
    }

    [Fact]
    public async Task Verify_CheckpointResignedWithAForeignKey_NamesItsSize()
    {
        using var home = seeded.Copy();
        (await home.RunAsync("audit", "checkpoint")).AssertSuccess();
        using (var db = new AuditDatabase(home))
        using (var foreign = CheckpointSigner.Generate(AuditKeys.Origin("acme.dev")))
        {
            var genuine = (string)db.Scalar("SELECT note FROM audit_checkpoints WHERE tree_size = $a", (long)N)!;
            var body = genuine[..(genuine.IndexOf("\n\n", StringComparison.Ordinal) + 1)];
            var lines = body.Split('\n');
            var checkpoint = new Checkpoint(lines[0], long.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(lines[2]));
            db.Execute("UPDATE audit_checkpoints SET note = $b WHERE tree_size = $a", (long)N, foreign.Sign(checkpoint));
        }

        await AssertTamperedAsync(home, N, "is not validly signed by the log key");
    }

    [Fact]
    public async Task Verify_StoredLeafHashReplaced_NamesTheRecord()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.SetLeafHash(2, AuditDatabase.RandomHash());
        }

        await AssertTamperedAsync(home, 2, "does not match its stored leaf hash");
    }

    [Fact]
    public async Task Verify_StoredMerkleNodeReplaced_NamesTheLastRecordItCovers()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.SetNode(1, 1, AuditDatabase.RandomHash());
        }

        await AssertTamperedAsync(home, 4, "node (1, 1) over records 3-4 differs");
    }

    [Fact]
    public async Task Verify_StoredLeafNodeReplaced_NamesTheRecord()
    {
        using var home = seeded.Copy();
        using (var db = new AuditDatabase(home))
        {
            db.SetNode(0, 4, AuditDatabase.RandomHash());
        }

        await AssertTamperedAsync(home, 5, "differs from the one stored in the tree");
    }

    private static async Task AssertTamperedAsync(TempHome home, long seq, string problem) =>
        AssertTampered(await home.RunAsync("audit", "verify"), seq, problem);

    private static void AssertTampered(ProcessResult result, long seq, string problem)
    {
        result.AssertError(1, "MDT3001");
        Assert.Contains($"at seq {seq}: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(problem, result.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Replace(byte[] record, string from, string to)
    {
        var text = Encoding.UTF8.GetString(record);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }
}
