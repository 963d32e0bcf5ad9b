using FsCheck;
using FsCheck.Fluent;

namespace Mandate.Core.Tests.Audit;

/// <summary>FsCheck generators: sizes over the whole 1..2000 range, with the edges (1, 2^k, 2^k ± 1) often.</summary>
public static class MerkleArbitraries
{
    public const int MaxSize = 2000;

    private static readonly int[] EdgeSizes =
    [
        1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257,
        511, 512, 513, 1023, 1024, 1025, 1999, 2000,
    ];

    public static Arbitrary<MerkleCase> Cases()
    {
        var sizes = Gen.OneOf(Gen.Choose(1, MaxSize), Gen.Choose(1, 40), Gen.Elements(EdgeSizes));
        var cases =
            from size in sizes
            from index in Gen.OneOf(Gen.Choose(0, size - 1), Gen.Elements(0, size - 1))
            from tweak in Gen.Choose(0, int.MaxValue - 1)
            select new MerkleCase(size, index, tweak);
        return cases.ToArbitrary();
    }
}
