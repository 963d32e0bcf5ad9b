namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// SplitMix64: a tiny seeded generator whose sequence never changes between .NET versions, so a printed seed
/// reproduces a generated case forever.
/// </summary>
internal sealed class DiffRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, n).</summary>
    public int Next(int n) => (int)(NextULong() % (ulong)n);

    public bool Chance(double p) => (NextULong() >> 11) * (1.0 / (1UL << 53)) < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>The seed of the <paramref name="index"/>-th scenario of a run seeded with <paramref name="runSeed"/>.</summary>
    public static ulong ScenarioSeed(ulong runSeed, long index) => new DiffRandom(runSeed ^ ((ulong)index * 0xD1B54A32D192ED03UL)).NextULong();
}
