namespace Mandate.Core.Audit;

/// <summary>Why a signed checkpoint was refused.</summary>
public enum CheckpointFailure
{
    None = 0,

    /// <summary>Not a well-formed signed note (encoding, layout, signature line syntax, repeated signatures).</summary>
    MalformedNote,

    /// <summary>No signature line is from the expected key (name and key id).</summary>
    NotSignedByKey,

    /// <summary>A signature from the expected key does not verify: the text or signature was altered.</summary>
    BadSignature,

    /// <summary>The signed text is not a valid tlog-checkpoint body.</summary>
    MalformedCheckpoint,

    /// <summary>The checkpoint is for another log.</summary>
    WrongOrigin,
}
