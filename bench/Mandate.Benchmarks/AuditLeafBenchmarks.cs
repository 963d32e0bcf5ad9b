using BenchmarkDotNet.Attributes;
using Mandate.Core.Audit;

namespace Mandate.Benchmarks;

/// <summary>
/// The CPU half of an append, without SQLite: build the record's JSON, redact it, canonicalize
/// (JCS) and hash it as a leaf. Set beside the group-commit figure, it splits an append's cost
/// between Mandate's code and the database.
/// </summary>
[MemoryDiagnoser]
public class AuditLeafBenchmarks
{
    private AuditLeafHasher _hasher = null!;
    private AuditRecord _record = null!;

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new AuditLeafHasher(new SecretRedactor(new byte[SecretRedactor.KeySize]));
        _record = AuditBenchmarkData.Decision(1);
    }

    [Benchmark(Description = "record -> redacted JCS leaf")]
    public bool Leaf() => _hasher.TryCreateLeaf(_record.ToJson(42), out _, out _);

    [Benchmark(Description = "record -> JSON only")]
    public int Json() => _record.ToJson(42).Count;
}
