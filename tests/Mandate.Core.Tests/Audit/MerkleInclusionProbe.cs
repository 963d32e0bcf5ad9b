namespace Mandate.Core.Tests.Audit;

/// <summary>One transparency-dev/merkle inclusion probe (hashes in base64, as in the source files).</summary>
internal sealed record MerkleInclusionProbe(
    string Name, long LeafIndex, long TreeSize, string LeafHash, string[] Proof, string Root, bool WantError);
