using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Mathematics.OutlierDetection;

namespace Mandate.Benchmarks;

/// <summary>
/// The audit benchmarks' jobs: in-process (durable I/O needs no generated project) and Monitoring
/// (each iteration timed as it is: no pilot, no unrolling), with outliers kept (an fsync stall is
/// part of the latency, not noise).
/// </summary>
internal static class AuditJobs
{
    private static Job Monitoring(int warmups, int iterations) => Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(warmups)
        .WithIterationCount(iterations)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithOutlierMode(OutlierMode.DontRemove);

    /// <summary>One operation per iteration, 1,000 iterations: percentiles are per-operation latencies.</summary>
    internal sealed class Latency : ManualConfig
    {
        public Latency()
        {
            AddJob(Monitoring(20, 1_000));
            AddColumn(StatisticColumn.P95, AuditP99Column.Instance, StatisticColumn.Max);
        }
    }

    /// <summary>Long operations (a group commit, a 1M-record verify): a few timed iterations.</summary>
    internal sealed class Few : ManualConfig
    {
        public Few()
        {
            AddJob(Monitoring(2, 20));
        }
    }

    internal sealed class Once : ManualConfig
    {
        public Once()
        {
            AddJob(Monitoring(1, 3));
        }
    }
}
