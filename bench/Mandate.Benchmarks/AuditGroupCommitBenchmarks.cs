using BenchmarkDotNet.Attributes;
using Mandate.Core.Audit;
using Mandate.Storage.Sqlite;

namespace Mandate.Benchmarks;

/// <summary>
/// Issue 3's goal on the 2-core machine: ≥ 20,000 records/s with group commit, i.e. ≤ 50 µs per
/// record in a durable commit of 1,000 (<c>synchronous=FULL</c>, a real file in /tmp). The time
/// shown is per record.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AuditJobs.Few))]
public class AuditGroupCommitBenchmarks
{
    private string _dir = null!;
    private AuditKeys _keys = null!;
    private SqliteStore _store = null!;
    private AuditRecord[] _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("mandate-bench-batch-").FullName;
        _keys = AuditKeys.Ephemeral("acme.dev");
        _store = SqliteStore.Open(Path.Combine(_dir, "mandate.db"), _keys);
        _batch = [.. Enumerable.Range(0, AuditAppendBenchmarks.Batch).Select(AuditBenchmarkData.Decision)];
    }

    [Benchmark(Description = "group commit of 1,000, per record", OperationsPerInvoke = AuditAppendBenchmarks.Batch)]
    public int GroupCommit() => _store.Audit.AppendBatch(_batch).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _keys.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
