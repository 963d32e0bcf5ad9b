namespace Mandate.Core.Audit;

/// <summary>Why a Merkle proof did not verify.</summary>
public enum MerkleProofFailure
{
    None = 0,

    /// <summary>The leaf index is not inside the tree, or the tree sizes are out of order.</summary>
    OutOfRange,

    /// <summary>The tree is empty: nothing can be included in it, and no proof starts from it.</summary>
    EmptyTree,

    /// <summary>A hash (leaf, root or proof element) is not 32 bytes.</summary>
    MalformedHash,

    /// <summary>The proof has the wrong number of elements for these sizes.</summary>
    WrongProofLength,

    /// <summary>The proof does not lead to the older root (consistency) — the older tree was not a prefix.</summary>
    FirstRootMismatch,

    /// <summary>The proof does not lead to the expected root.</summary>
    RootMismatch,
}
