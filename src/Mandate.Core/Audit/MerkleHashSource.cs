namespace Mandate.Core.Audit;

/// <summary>Adapters that turn simple lookups into an <see cref="IMerkleHashSource"/>.</summary>
public static class MerkleHashSource
{
    /// <summary>
    /// A source that knows only leaf hashes (e.g. one SQLite column) and computes each interior node
    /// from them: a node at level L reads 2^L leaves, so a proof in a tree of n leaves reads O(n) leaves.
    /// </summary>
    public static IMerkleHashSource FromLeafHashes(Func<long, byte[]> leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        return new LeafOnlySource(leafHash);
    }

    /// <summary>A source backed by a function that already returns stored node hashes.</summary>
    public static IMerkleHashSource FromNodeHashes(Func<int, long, byte[]> nodeHash)
    {
        ArgumentNullException.ThrowIfNull(nodeHash);
        return new NodeSource(nodeHash);
    }

    private sealed class LeafOnlySource(Func<long, byte[]> leafHash) : IMerkleHashSource
    {
        public byte[] GetNodeHash(int level, long index)
        {
            if (level == 0)
            {
                return leafHash(index);
            }

            var frontier = new MerkleFrontier();
            var first = index << level;
            var count = 1L << level;
            for (var i = 0L; i < count; i++)
            {
                frontier.Append(leafHash(first + i));
            }

            return frontier.RootHash();
        }
    }

    private sealed class NodeSource(Func<int, long, byte[]> nodeHash) : IMerkleHashSource
    {
        public byte[] GetNodeHash(int level, long index) => nodeHash(level, index);
    }
}
