namespace Mandate.Core.Tests.Audit;

/// <summary>One transparency-dev/merkle consistency probe (hashes in base64, as in the source files).</summary>
internal sealed record MerkleConsistencyProbe(
    string Name, long Size1, long Size2, string Root1, string Root2, string[] Proof, bool WantError);
