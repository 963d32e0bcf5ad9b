using System.Buffers;
using System.Numerics;

namespace Mandate.Core.Audit;

/// <summary>
/// RFC 6962 / RFC 9162 §2.1.1 Merkle Tree Hash over SHA-256: leaves are <c>SHA-256(0x00 || data)</c>,
/// interior nodes <c>SHA-256(0x01 || left || right)</c>, and the empty tree is <c>SHA-256("")</c>.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;
    private const int StackLeafLimit = 512;

    /// <summary>The root of the tree with no leaves: SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot()
    {
        var hash = new byte[HashSize];
        Internal.Sha256.Hash([], hash);
        return hash;
    }

    public static byte[] HashLeaf(ReadOnlySpan<byte> leafData)
    {
        var hash = new byte[HashSize];
        HashLeaf(leafData, hash);
        return hash;
    }

    public static void HashLeaf(ReadOnlySpan<byte> leafData, Span<byte> destination)
    {
        var length = leafData.Length + 1;
        byte[]? rented = null;
        var buffer = length <= StackLeafLimit
            ? stackalloc byte[StackLeafLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            buffer[0] = LeafPrefix;
            leafData.CopyTo(buffer[1..]);
            Internal.Sha256.Hash(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        HashChildren(left, right, hash);
        return hash;
    }

    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != HashSize || right.Length != HashSize)
        {
            throw new ArgumentException($"Child hashes must be {HashSize} bytes.");
        }

        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        Internal.Sha256.Hash(buffer, destination);
    }

    /// <summary>Root of the tree whose leaves have the given hashes, in O(log n) memory.</summary>
    public static byte[] RootHash(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var frontier = new MerkleFrontier();
        foreach (var leafHash in leafHashes)
        {
            frontier.Append(leafHash);
        }

        return frontier.RootHash();
    }

    /// <summary>
    /// MTH(D[start:end]) read from <paramref name="source"/>: aligned power-of-two ranges are single
    /// nodes; any other range is split at the largest power of two below its size (RFC 9162 §2.1.1).
    /// </summary>
    public static byte[] SubtreeHash(IMerkleHashSource source, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (start < 0 || end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "Need 0 <= start < end.");
        }

        var size = end - start;
        if (BitOperations.IsPow2(size) && start % size == 0)
        {
            var level = BitOperations.Log2((ulong)size);
            var hash = source.GetNodeHash(level, start >> level);
            return hash.Length == HashSize
                ? hash
                : throw new InvalidOperationException($"The hash source returned {hash.Length} bytes for node ({level}, {start >> level}).");
        }

        var split = LargestPowerOfTwoBelow(size);
        return HashChildren(SubtreeHash(source, start, start + split), SubtreeHash(source, start + split, end));
    }

    /// <summary>The k of RFC 9162: the largest power of two strictly less than <paramref name="n"/> (n &gt; 1).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));
}
