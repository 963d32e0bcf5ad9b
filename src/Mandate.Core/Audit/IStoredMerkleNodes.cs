namespace Mandate.Core.Audit;

/// <summary>
/// A store's Merkle nodes that can also be listed level by level, so a verifier compares every
/// stored node with the recomputed tree in one streaming pass (a replaced node is found, not just
/// the fact that the root differs).
/// </summary>
public interface IStoredMerkleNodes : IMerkleHashSource
{
    /// <summary>Every stored node of <paramref name="level"/>, in index order.</summary>
    IEnumerable<StoredNode> ReadLevel(int level);
}
