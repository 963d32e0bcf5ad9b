using BenchmarkDotNet.Attributes;
using Mandate.Cedar;

namespace Mandate.Benchmarks;

/// <summary>
/// Issue 4's goals: one authorization against 100 realistic agent policies in at most 10 µs, and the cost at 1,000
/// policies at most twice the cost at 10. Each call authorizes the next of <see cref="CedarWorkload.RequestCount"/>
/// requests (allows and denies, reads, writes, exec and network) against a pre-parsed policy set and entity store.
/// Percentiles per request, and cedar-wasm for comparison: bench/cedar-side-by-side.sh.
/// </summary>
[MemoryDiagnoser]
public class CedarBenchmarks
{
    private PolicySet _policies = null!;
    private Entities _entities = null!;
    private Request[] _requests = null!;
    private int _next;

    [Params(1, 10, 100, 1000)]
    public int Policies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = CedarWorkload.Create(Policies);
        _policies = PolicySet.Parse(workload.Policies);
        _entities = Entities.FromJson(workload.EntitiesJson);
        _requests = [.. workload.Requests.Select(r => Request.FromJson(r))];
    }

    [Benchmark]
    public Decision Authorize()
    {
        var request = _requests[_next];
        _next = _next + 1 == _requests.Length ? 0 : _next + 1;
        return Authorizer.IsAuthorized(request, _policies, _entities).Decision;
    }
}
