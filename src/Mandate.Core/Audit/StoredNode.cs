namespace Mandate.Core.Audit;

/// <summary>A stored Merkle node: the hash of the complete subtree at (<see cref="Level"/>, <see cref="Index"/>).</summary>
public sealed record StoredNode(int Level, long Index, byte[] Hash);
