namespace Mandate.Core.Audit;

/// <summary>
/// A Merkle tree that keeps every complete-subtree node in memory (about 2n hashes): for tests,
/// tools and small logs. Stores persist the same nodes through <see cref="MerkleNodeSink"/>.
/// </summary>
public sealed class InMemoryMerkleTree : IMerkleHashSource
{
    private readonly List<List<byte[]>> _levels = [];
    private readonly MerkleFrontier _frontier = new();

    public long Size => _frontier.Size;

    public void AppendLeafHash(ReadOnlySpan<byte> leafHash) => _frontier.Append(leafHash, Store);

    public void AppendLeafData(ReadOnlySpan<byte> leafData) => _frontier.AppendLeafData(leafData, Store);

    public byte[] RootHash() => _frontier.RootHash();

    /// <summary>The root of the tree formed by the first <paramref name="treeSize"/> leaves.</summary>
    public byte[] RootHash(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, Size);
        return treeSize == 0 ? MerkleTree.EmptyRoot() : MerkleTree.SubtreeHash(this, 0, treeSize);
    }

    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, Size);
        return MerkleProof.Inclusion(index, treeSize, this);
    }

    public IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size2, Size);
        return MerkleProof.Consistency(size1, size2, this);
    }

    public byte[] GetNodeHash(int level, long index)
    {
        if (level < 0 || level >= _levels.Count || index < 0 || index >= _levels[level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"No complete node ({level}, {index}) in a tree of {Size}.");
        }

        return _levels[level][(int)index];
    }

    private void Store(int level, long index, ReadOnlySpan<byte> hash)
    {
        if (level == _levels.Count)
        {
            _levels.Add([]);
        }

        _levels[level].Add(hash.ToArray());
    }
}
