using System.Globalization;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// How many cases to run and from which seed: <c>MANDATE_CEDAR_DIFF_CASES</c> (default 10,000; one case is one
/// request) and <c>MANDATE_CEDAR_DIFF_SEED</c> (default fixed, so CI is reproducible; any unsigned 64-bit number).
/// </summary>
internal sealed record DifferentialSettings(long Cases, ulong Seed)
{
    public const long DefaultCases = 10_000;
    public const ulong DefaultSeed = 20261123;

    public static DifferentialSettings FromEnvironment() => new(
        Read("MANDATE_CEDAR_DIFF_CASES", DefaultCases, long.Parse),
        Read("MANDATE_CEDAR_DIFF_SEED", DefaultSeed, ulong.Parse));

    private static T Read<T>(string name, T fallback, Func<string, IFormatProvider, T> parse)
    {
        var text = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(text) ? fallback : parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }
}
