using BenchmarkDotNet.Attributes;
using Mandate.Core.Audit;
using Mandate.Storage.Sqlite;

namespace Mandate.Benchmarks;

/// <summary>
/// Issue 3's goal: <c>audit verify</c> of 1,000,000 records ≤ 10 s on the 2-core machine; and the
/// inclusion proof at that size (20 hashes, 640 bytes) built from the stored nodes and verified.
/// The database is built once with group commits of 1,000.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AuditJobs.Once))]
public class AuditVerifyBenchmarks
{
    private const int Records = 1_000_000;

    private string _dir = null!;
    private AuditKeys _keys = null!;
    private SqliteStore _store = null!;
    private byte[] _root = null!;
    private byte[] _leaf = null!;
    private IReadOnlyList<byte[]> _proof = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("mandate-bench-verify-").FullName;
        _keys = AuditKeys.Ephemeral("acme.dev");
        _store = SqliteStore.Open(Path.Combine(_dir, "mandate.db"), _keys);
        var batch = Enumerable.Range(0, AuditAppendBenchmarks.Batch).Select(AuditBenchmarkData.Decision).ToArray();
        for (var i = 0; i < Records / batch.Length; i++)
        {
            _store.Audit.AppendBatch(batch);
        }

        _root = MerkleFrontier.FromSource(Records, _store.Audit.Nodes).RootHash();
        _leaf = _store.Audit.Get(Records / 3)!.LeafHash;
        _proof = MerkleProof.Inclusion((Records / 3) - 1, Records, _store.Audit.Nodes);
        Console.WriteLine($"// inclusion proof at {Records:N0}: {_proof.Count} hashes, {_proof.Count * MerkleTree.HashSize} bytes");
    }

    [Benchmark(Description = "audit verify, 1M records")]
    public bool Verify() => new AuditVerifier(_store.Audit).Verify().Intact;

    [Benchmark(Description = "inclusion proof at 1M: build from stored nodes")]
    public int BuildProof() => MerkleProof.Inclusion((Records / 3) - 1, Records, _store.Audit.Nodes).Count;

    [Benchmark(Description = "inclusion proof at 1M: verify")]
    public bool VerifyProof() => MerkleProof.VerifyInclusion((Records / 3) - 1, Records, _leaf, _proof, _root).IsValid;

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _keys.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
