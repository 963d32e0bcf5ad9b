using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Mandate.Core.Audit;

/// <summary>
/// Verifies signed checkpoints against one configured vkey. Per c2sp.org/signed-note, signatures from
/// other keys are ignored, but at least one must come from this key and every one from it must verify.
/// The checkpoint's origin must equal the expected origin (by default the key name, as Mandate signs).
/// </summary>
public sealed class CheckpointVerifier
{
    private readonly NoteVerifierKey _key;
    private readonly string _expectedOrigin;

    public CheckpointVerifier(NoteVerifierKey key, string? expectedOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _expectedOrigin = expectedOrigin ?? key.Name;
    }

    public NoteVerifierKey Key => _key;

    /// <summary>A verifier from vkey text; <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryCreate(
        string? vkey,
        [NotNullWhen(true)] out CheckpointVerifier? verifier,
        [NotNullWhen(false)] out string? error,
        string? expectedOrigin = null)
    {
        if (!NoteVerifierKey.TryParse(vkey, out var key, out error))
        {
            verifier = null;
            return false;
        }

        verifier = new CheckpointVerifier(key, expectedOrigin);
        return true;
    }

    public CheckpointVerification Verify(string signedNote)
    {
        ArgumentNullException.ThrowIfNull(signedNote);
        return Verify(Encoding.UTF8.GetBytes(signedNote));
    }

    public CheckpointVerification Verify(ReadOnlySpan<byte> signedNote)
    {
        if (!SignedNote.TryParse(signedNote, out var note, out var error))
        {
            return CheckpointVerification.Fail(CheckpointFailure.MalformedNote, error);
        }

        var text = Encoding.UTF8.GetBytes(note.Text);
        var verified = false;
        foreach (var signature in note.Signatures)
        {
            if (!string.Equals(signature.KeyName, _key.Name, StringComparison.Ordinal) || signature.KeyId != _key.KeyId)
            {
                continue; // unknown key: ignored, as the spec requires
            }

            if (verified)
            {
                return CheckpointVerification.Fail(CheckpointFailure.MalformedNote, "the note repeats a signature by the key");
            }

            if (!_key.Verify(text, signature.Signature.Span))
            {
                return CheckpointVerification.Fail(CheckpointFailure.BadSignature, $"the signature by {_key.Name} does not verify");
            }

            verified = true;
        }

        if (!verified)
        {
            return CheckpointVerification.Fail(CheckpointFailure.NotSignedByKey, $"the note is not signed by {_key.Name}+{_key.KeyId:x8}");
        }

        if (!Checkpoint.TryParse(note.Text, out var checkpoint, out error))
        {
            return CheckpointVerification.Fail(CheckpointFailure.MalformedCheckpoint, error);
        }

        if (!string.Equals(checkpoint.Origin, _expectedOrigin, StringComparison.Ordinal))
        {
            return CheckpointVerification.Fail(CheckpointFailure.WrongOrigin, "the checkpoint is for another log origin");
        }

        return new CheckpointVerification(checkpoint, CheckpointFailure.None, "valid");
    }
}
