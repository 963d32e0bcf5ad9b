namespace Mandate.Core.Audit;

/// <summary>
/// Where proof generation reads hashes from: an in-memory tree, or a store's leaf and node tables.
/// A node at <c>level</c> and <c>index</c> covers leaves <c>[index * 2^level, (index + 1) * 2^level)</c>;
/// level 0 is the leaf hashes. Only nodes of complete subtrees inside the requested tree are asked for.
/// </summary>
public interface IMerkleHashSource
{
    /// <summary>The 32-byte hash of the complete subtree at (<paramref name="level"/>, <paramref name="index"/>).</summary>
    byte[] GetNodeHash(int level, long index);
}
