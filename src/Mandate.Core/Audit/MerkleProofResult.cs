namespace Mandate.Core.Audit;

/// <summary>The outcome of verifying an inclusion or consistency proof; <see cref="Reason"/> is for people.</summary>
public readonly record struct MerkleProofResult(MerkleProofFailure Failure, string Reason)
{
    public bool IsValid => Failure == MerkleProofFailure.None;

    public static MerkleProofResult Valid { get; } = new(MerkleProofFailure.None, "valid");

    public static MerkleProofResult Fail(MerkleProofFailure failure, string reason) => new(failure, reason);
}
