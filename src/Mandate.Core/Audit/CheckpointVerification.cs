using System.Diagnostics.CodeAnalysis;

namespace Mandate.Core.Audit;

/// <summary>The outcome of <see cref="CheckpointVerifier.Verify(string)"/>; <see cref="Reason"/> is for people.</summary>
public sealed record CheckpointVerification(Checkpoint? Checkpoint, CheckpointFailure Failure, string Reason)
{
    [MemberNotNullWhen(true, nameof(Checkpoint))]
    public bool IsValid => Failure == CheckpointFailure.None && Checkpoint is not null;

    internal static CheckpointVerification Fail(CheckpointFailure failure, string reason) => new(null, failure, reason);
}
