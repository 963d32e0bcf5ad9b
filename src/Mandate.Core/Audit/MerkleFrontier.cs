using System.Numerics;

namespace Mandate.Core.Audit;

/// <summary>
/// The right edge ("compact range" [0, n)) of a Merkle tree: one hash per set bit of the size, so
/// appending and reading the root take O(log n) time and memory. Verifying a million-record log is
/// one streaming pass of <see cref="Append(ReadOnlySpan{byte}, MerkleNodeSink?)"/> calls.
/// </summary>
public sealed class MerkleFrontier
{
    private const int MaxLevels = 64;

    // Slot L holds the hash of the complete subtree of 2^L leaves iff bit L of _size is set.
    private readonly byte[] _nodes = new byte[MaxLevels * MerkleTree.HashSize];

    public long Size { get; private set; }

    /// <summary>
    /// Rebuilds the frontier of a tree of <paramref name="size"/> leaves by reading its O(log n)
    /// complete subtrees from <paramref name="source"/> (e.g. to keep appending to a stored log).
    /// </summary>
    public static MerkleFrontier FromSource(long size, IMerkleHashSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var frontier = new MerkleFrontier();
        var offset = 0L;
        for (var level = MaxLevels - 2; level >= 0; level--)
        {
            if (((size >> level) & 1) == 0)
            {
                continue;
            }

            var hash = source.GetNodeHash(level, offset >> level);
            if (hash.Length != MerkleTree.HashSize)
            {
                throw new InvalidOperationException($"The hash source returned {hash.Length} bytes for node ({level}, {offset >> level}).");
            }

            hash.CopyTo(frontier.Slot(level));
            offset += 1L << level;
        }

        frontier.Size = size;
        return frontier;
    }

    /// <summary>Appends one leaf hash (already <c>SHA-256(0x00 || data)</c>).</summary>
    public void Append(ReadOnlySpan<byte> leafHash, MerkleNodeSink? onNode = null)
    {
        if (leafHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException($"A leaf hash is {MerkleTree.HashSize} bytes.", nameof(leafHash));
        }

        if (Size == long.MaxValue)
        {
            throw new InvalidOperationException("The tree is full.");
        }

        Span<byte> carry = stackalloc byte[MerkleTree.HashSize];
        leafHash.CopyTo(carry);
        var index = Size;
        onNode?.Invoke(0, index, carry);
        var level = 0;
        while (((Size >> level) & 1) == 1)
        {
            MerkleTree.HashChildren(Slot(level), carry, carry);
            level++;
            index >>= 1;
            onNode?.Invoke(level, index, carry);
        }

        carry.CopyTo(Slot(level));
        Size++;
    }

    /// <summary>Hashes <paramref name="leafData"/> as a leaf and appends it.</summary>
    public void AppendLeafData(ReadOnlySpan<byte> leafData, MerkleNodeSink? onNode = null)
    {
        Span<byte> leafHash = stackalloc byte[MerkleTree.HashSize];
        MerkleTree.HashLeaf(leafData, leafHash);
        Append(leafHash, onNode);
    }

    /// <summary>The root hash of the tree of <see cref="Size"/> leaves.</summary>
    public byte[] RootHash()
    {
        var root = new byte[MerkleTree.HashSize];
        RootHash(root);
        return root;
    }

    public void RootHash(Span<byte> destination)
    {
        if (Size == 0)
        {
            MerkleTree.EmptyRoot().CopyTo(destination);
            return;
        }

        var lowest = BitOperations.TrailingZeroCount(Size);
        Slot(lowest).CopyTo(destination);
        for (var level = lowest + 1; level < MaxLevels; level++)
        {
            if (((Size >> level) & 1) == 1)
            {
                MerkleTree.HashChildren(Slot(level), destination[..MerkleTree.HashSize], destination);
            }
        }
    }

    /// <summary>The complete subtrees of the right edge, largest (leftmost) first.</summary>
    public IReadOnlyList<byte[]> Hashes()
    {
        var hashes = new List<byte[]>();
        for (var level = MaxLevels - 1; level >= 0; level--)
        {
            if (((Size >> level) & 1) == 1)
            {
                hashes.Add(Slot(level).ToArray());
            }
        }

        return hashes;
    }

    private Span<byte> Slot(int level) => _nodes.AsSpan(level * MerkleTree.HashSize, MerkleTree.HashSize);
}
