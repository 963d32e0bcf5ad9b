using System.Security.Cryptography;

namespace Mandate.Core.Audit;

/// <summary>
/// RFC 9162 §2.1.3 inclusion proofs and §2.1.4 consistency proofs: generated from any
/// <see cref="IMerkleHashSource"/>, verified with the RFC's iterative algorithms.
/// </summary>
public static class MerkleProof
{
    /// <summary>PATH(index, D[treeSize]): the audit path of leaf <paramref name="index"/>, leaf-side first.</summary>
    public static IReadOnlyList<byte[]> Inclusion(long index, long treeSize, IMerkleHashSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (index < 0 || index >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "Need 0 <= index < treeSize.");
        }

        var proof = new List<byte[]>();
        AppendPath(index, 0, treeSize, source, proof);
        return proof;
    }

    /// <summary>PROOF(size1, D[size2]): proves the tree of <paramref name="size1"/> leaves is a prefix of the one of <paramref name="size2"/>.</summary>
    public static IReadOnlyList<byte[]> Consistency(long size1, long size2, IMerkleHashSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (size1 <= 0 || size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), "Need 0 < size1 <= size2.");
        }

        var proof = new List<byte[]>();
        AppendSubproof(size1, 0, size2, complete: true, source, proof);
        return proof;
    }

    // PATH(m, D[start:end]) — RFC 9162 §2.1.3.1, elements appended innermost first.
    private static void AppendPath(long m, long start, long end, IMerkleHashSource source, List<byte[]> proof)
    {
        var n = end - start;
        if (n == 1)
        {
            return;
        }

        var k = MerkleTree.LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            AppendPath(m, start, start + k, source, proof);
            proof.Add(MerkleTree.SubtreeHash(source, start + k, end));
        }
        else
        {
            AppendPath(m - k, start + k, end, source, proof);
            proof.Add(MerkleTree.SubtreeHash(source, start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b) — RFC 9162 §2.1.4.1.
    private static void AppendSubproof(long m, long start, long end, bool complete, IMerkleHashSource source, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(MerkleTree.SubtreeHash(source, start, end));
            }

            return;
        }

        var k = MerkleTree.LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            AppendSubproof(m, start, start + k, complete, source, proof);
            proof.Add(MerkleTree.SubtreeHash(source, start + k, end));
        }
        else
        {
            AppendSubproof(m - k, start + k, end, complete: false, source, proof);
            proof.Add(MerkleTree.SubtreeHash(source, start, start + k));
        }
    }

    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="proof"/> place <paramref name="leafHash"/> at <paramref name="index"/> under <paramref name="rootHash"/>?</summary>
    public static MerkleProofResult VerifyInclusion(
        long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (treeSize <= 0)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.EmptyTree, "an empty tree includes no leaf");
        }

        if (index < 0 || index >= treeSize)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.OutOfRange, $"leaf index {index} is outside a tree of {treeSize}");
        }

        if (!AllHashesWellFormed(proof) || leafHash.Length != MerkleTree.HashSize || rootHash.Length != MerkleTree.HashSize)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.MalformedHash, "a hash is not 32 bytes");
        }

        var fn = index;
        var sn = treeSize - 1;
        Span<byte> r = stackalloc byte[MerkleTree.HashSize];
        leafHash.CopyTo(r);
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return MerkleProofResult.Fail(MerkleProofFailure.WrongProofLength, "the proof is longer than the path");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleTree.HashChildren(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleTree.HashChildren(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.WrongProofLength, "the proof is shorter than the path");
        }

        return CryptographicOperations.FixedTimeEquals(r, rootHash)
            ? MerkleProofResult.Valid
            : MerkleProofResult.Fail(MerkleProofFailure.RootMismatch, "the proof leads to a different root");
    }

    /// <summary>
    /// RFC 9162 §2.1.4.2: is the tree (<paramref name="size1"/>, <paramref name="root1"/>) a prefix of
    /// (<paramref name="size2"/>, <paramref name="root2"/>)? As in the RFC and transparency-dev/merkle,
    /// no proof starts from the empty tree (size1 = 0); a store treats that case itself.
    /// </summary>
    public static MerkleProofResult VerifyConsistency(
        long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 < 0 || size2 < size1)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.OutOfRange, $"size1 {size1} is not within 0..size2 ({size2})");
        }

        if (size1 == 0)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.EmptyTree, "no consistency proof starts from the empty tree");
        }

        if (!AllHashesWellFormed(proof) || root1.Length != MerkleTree.HashSize || root2.Length != MerkleTree.HashSize)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.MalformedHash, "a hash is not 32 bytes");
        }

        if (size1 == size2)
        {
            if (proof.Count != 0)
            {
                return MerkleProofResult.Fail(MerkleProofFailure.WrongProofLength, "equal sizes need an empty proof");
            }

            return CryptographicOperations.FixedTimeEquals(root1, root2)
                ? MerkleProofResult.Valid
                : MerkleProofResult.Fail(MerkleProofFailure.RootMismatch, "equal sizes but different roots");
        }

        if (proof.Count == 0)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.WrongProofLength, "the proof is empty");
        }

        // Step 2: a power-of-two first tree is its own first path element.
        var path = (size1 & (size1 - 1)) == 0 ? Prepend(root1, proof) : proof;
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        Span<byte> fr = stackalloc byte[MerkleTree.HashSize];
        Span<byte> sr = stackalloc byte[MerkleTree.HashSize];
        path[0].CopyTo(fr);
        path[0].CopyTo(sr);
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return MerkleProofResult.Fail(MerkleProofFailure.WrongProofLength, "the proof is longer than the path");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleTree.HashChildren(c, fr, fr);
                MerkleTree.HashChildren(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleTree.HashChildren(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.WrongProofLength, "the proof is shorter than the path");
        }

        if (!CryptographicOperations.FixedTimeEquals(fr, root1))
        {
            return MerkleProofResult.Fail(MerkleProofFailure.FirstRootMismatch, "the proof does not lead to the older root");
        }

        return CryptographicOperations.FixedTimeEquals(sr, root2)
            ? MerkleProofResult.Valid
            : MerkleProofResult.Fail(MerkleProofFailure.RootMismatch, "the proof leads to a different newer root");
    }

    private static bool AllHashesWellFormed(IReadOnlyList<byte[]> proof)
    {
        foreach (var hash in proof)
        {
            if (hash is null || hash.Length != MerkleTree.HashSize)
            {
                return false;
            }
        }

        return true;
    }

    private static List<byte[]> Prepend(ReadOnlySpan<byte> first, IReadOnlyList<byte[]> rest)
    {
        var path = new List<byte[]>(rest.Count + 1) { first.ToArray() };
        path.AddRange(rest);
        return path;
    }
}
