using FsCheck.Xunit;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

/// <summary>
/// The laws of RFC 9162 proofs over trees of 1..2000 leaves: honest proofs verify, and any altered
/// leaf, proof element, index, size or root is refused. A claimed size is always checked with that
/// size's real root (a checkpoint binds the two), so "wrong size" means a proof for another tree.
/// </summary>
public sealed class MerkleProofPropertyTests
{
    private const int MaxSize = MerkleArbitraries.MaxSize;

    private static readonly byte[][] Leaves = Enumerable.Range(0, MaxSize).Select(LeafHash).ToArray();
    private static readonly InMemoryMerkleTree Tree = BuildTree();

    [Property(MaxTest = 300, Arbitrary = [typeof(MerkleArbitraries)])]
    public void InclusionProof_VerifiesForItsLeaf(MerkleCase c)
    {
        var (size, index) = (c.Size, c.Index);
        var proof = Tree.InclusionProof(index, size);
        Assert.True(MerkleProof.VerifyInclusion(index, size, Leaves[index], proof, Tree.RootHash(size)).IsValid);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(MerkleArbitraries)])]
    public void InclusionProof_FailsForAlteredLeafOrProofElement(MerkleCase c)
    {
        var (size, index) = (c.Size, c.Index);
        var proof = Tree.InclusionProof(index, size);
        var root = Tree.RootHash(size);
        Assert.False(MerkleProof.VerifyInclusion(index, size, FlipBit(Leaves[index], c.Tweak), proof, root).IsValid);
        Assert.False(MerkleProof.VerifyInclusion(index, size, Leaves[index], proof, FlipBit(root, c.Tweak)).IsValid);
        if (proof.Count > 0)
        {
            var altered = proof.ToArray();
            var element = c.Tweak % altered.Length;
            altered[element] = FlipBit(altered[element], c.Tweak / altered.Length);
            Assert.False(MerkleProof.VerifyInclusion(index, size, Leaves[index], altered, root).IsValid);
            Assert.False(MerkleProof.VerifyInclusion(index, size, Leaves[index], proof.Take(proof.Count - 1).ToArray(), root).IsValid);
        }

        Assert.False(MerkleProof.VerifyInclusion(index, size, Leaves[index], [.. proof, root], root).IsValid);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(MerkleArbitraries)])]
    public void InclusionProof_FailsForWrongIndexOrSize(MerkleCase c)
    {
        var (size, index) = (c.Size, c.Index);
        var proof = Tree.InclusionProof(index, size);
        if (size > 1)
        {
            var otherIndex = (index + 1 + (c.Tweak % (size - 1))) % size;
            Assert.False(MerkleProof.VerifyInclusion(otherIndex, size, Leaves[index], proof, Tree.RootHash(size)).IsValid);
        }

        var otherSize = 1 + ((size + (c.Tweak % (MaxSize - 1))) % MaxSize);
        Assert.NotEqual(size, otherSize);
        Assert.False(MerkleProof.VerifyInclusion(index, otherSize, Leaves[index], proof, Tree.RootHash(otherSize)).IsValid);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(MerkleArbitraries)])]
    public void ConsistencyProof_VerifiesBetweenPrefixes(MerkleCase c)
    {
        var (size1, size2) = (c.Index + 1, c.Size);
        var proof = Tree.ConsistencyProof(size1, size2);
        Assert.True(MerkleProof.VerifyConsistency(size1, size2, proof, Tree.RootHash(size1), Tree.RootHash(size2)).IsValid);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(MerkleArbitraries)])]
    public void ConsistencyProof_FailsForAlteredRootsOrProofElement(MerkleCase c)
    {
        var (size1, size2) = (c.Index + 1, c.Size);
        var proof = Tree.ConsistencyProof(size1, size2);
        var root1 = Tree.RootHash(size1);
        var root2 = Tree.RootHash(size2);
        Assert.False(MerkleProof.VerifyConsistency(size1, size2, proof, FlipBit(root1, c.Tweak), root2).IsValid);
        Assert.False(MerkleProof.VerifyConsistency(size1, size2, proof, root1, FlipBit(root2, c.Tweak)).IsValid);
        if (proof.Count > 0)
        {
            var altered = proof.ToArray();
            var element = c.Tweak % altered.Length;
            altered[element] = FlipBit(altered[element], c.Tweak / altered.Length);
            Assert.False(MerkleProof.VerifyConsistency(size1, size2, altered, root1, root2).IsValid);
            Assert.False(MerkleProof.VerifyConsistency(size1, size2, proof.Skip(1).ToArray(), root1, root2).IsValid);
        }

        Assert.False(MerkleProof.VerifyConsistency(size1, size2, [.. proof, root2], root1, root2).IsValid);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(MerkleArbitraries)])]
    public void ConsistencyProof_FailsForWrongSizes(MerkleCase c)
    {
        var (size1, size2) = (c.Index + 1, c.Size);
        var proof = Tree.ConsistencyProof(size1, size2);
        if (size2 > 1)
        {
            var other1 = 1 + ((size1 + (c.Tweak % (size2 - 1))) % size2);
            Assert.NotEqual(size1, other1);
            Assert.False(MerkleProof.VerifyConsistency(other1, size2, proof, Tree.RootHash(other1), Tree.RootHash(size2)).IsValid);
        }

        var other2 = 1 + ((size2 + (c.Tweak % (MaxSize - 1))) % MaxSize);
        Assert.NotEqual(size2, other2);
        Assert.False(MerkleProof.VerifyConsistency(size1, other2, proof, Tree.RootHash(size1), Tree.RootHash(other2)).IsValid);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(MerkleArbitraries)])]
    public void LeafOnlySource_GivesTheSameProofsAsStoredNodes(MerkleCase c)
    {
        var (size, index) = (c.Size, c.Index);
        var leafOnly = MerkleHashSource.FromLeafHashes(i => Leaves[i]);
        Assert.Equal(Tree.InclusionProof(index, size), MerkleProof.Inclusion(index, size, leafOnly));
        Assert.Equal(Tree.ConsistencyProof(index + 1, size), MerkleProof.Consistency(index + 1, size, leafOnly));
        Assert.Equal(Tree.RootHash(size), MerkleTree.SubtreeHash(leafOnly, 0, size));
    }

    [Fact]
    public void FrontierRoot_EqualsRecursiveRoot_ForEverySize()
    {
        var frontier = new MerkleFrontier();
        Assert.Equal(MerkleTree.EmptyRoot(), frontier.RootHash());
        for (var size = 1; size <= MaxSize; size++)
        {
            frontier.Append(Leaves[size - 1]);
            var expected = ReferenceRoot(0, size);
            Assert.Equal(expected, frontier.RootHash());
            Assert.Equal(expected, Tree.RootHash(size));
        }
    }

    [Fact]
    public void FrontierRestoredFromSource_ContinuesLikeTheOriginal()
    {
        for (var size = 0; size < 300; size++)
        {
            var restored = MerkleFrontier.FromSource(size, Tree);
            Assert.Equal(Tree.RootHash(size), restored.RootHash());
            for (var i = size; i < 300; i++)
            {
                restored.Append(Leaves[i]);
            }

            Assert.Equal(Tree.RootHash(300), restored.RootHash());
        }
    }

    [Fact]
    public void ProofGeneration_RejectsOutOfRangeArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProof.Inclusion(5, 5, Tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProof.Inclusion(-1, 5, Tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProof.Consistency(0, 5, Tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProof.Consistency(6, 5, Tree));
    }

    // MTH straight from RFC 9162 §2.1.1, on the list of leaves: the oracle for the frontier.
    private static byte[] ReferenceRoot(int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return Leaves[start];
        }

        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return MerkleTree.HashChildren(ReferenceRoot(start, start + k), ReferenceRoot(start + k, end));
    }

    private static byte[] FlipBit(byte[] hash, int seed)
    {
        var copy = hash.ToArray();
        var bit = Math.Abs(seed) % (copy.Length * 8);
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    private static byte[] LeafHash(int i) => MerkleTree.HashLeaf(BitConverter.GetBytes(i));

    private static InMemoryMerkleTree BuildTree()
    {
        var tree = new InMemoryMerkleTree();
        foreach (var leaf in Leaves)
        {
            tree.AppendLeafHash(leaf);
        }

        return tree;
    }
}
