namespace Mandate.Core.Audit;

/// <summary>
/// Receives every complete-subtree node as <see cref="MerkleFrontier"/> creates it (level 0 = the leaf
/// hash itself), so a store can persist nodes and later answer proofs in O(log n) reads.
/// </summary>
public delegate void MerkleNodeSink(int level, long index, ReadOnlySpan<byte> hash);
