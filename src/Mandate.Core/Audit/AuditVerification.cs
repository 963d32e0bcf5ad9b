namespace Mandate.Core.Audit;

/// <summary>
/// The outcome of <see cref="AuditVerifier"/>: intact, or the first bad <see cref="BadSeq"/> (or
/// checkpoint size) and what is wrong with it.
/// </summary>
public sealed record AuditVerification(bool Intact, long Records, int CheckpointsChecked, byte[] RootHash, long? BadSeq, string? Problem)
{
    public static AuditVerification Bad(long records, int checkpoints, long? seq, string problem) => new(false, records, checkpoints, [], seq, problem);
}
