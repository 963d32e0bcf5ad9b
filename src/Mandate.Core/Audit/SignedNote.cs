using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Mandate.Core.Audit.Internal;

namespace Mandate.Core.Audit;

/// <summary>
/// A parsed C2SP signed note (c2sp.org/signed-note): the text (ending in a newline) and its
/// signature lines. Parsing checks the format only; <see cref="CheckpointVerifier"/> checks signatures.
/// </summary>
public sealed class SignedNote
{
    /// <summary>Upper bound on a note's size; the spec asks verifiers for a limit and at least 16 signatures.</summary>
    public const int MaxNoteBytes = 1 << 20;

    public const int MaxSignatures = 100;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline but not the blank separator line.</summary>
    public string Text { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    public static bool TryParse(
        ReadOnlySpan<byte> note, [NotNullWhen(true)] out SignedNote? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (note.Length > MaxNoteBytes)
        {
            error = $"the note is larger than {MaxNoteBytes} bytes";
            return false;
        }

        foreach (var b in note)
        {
            if (b < 0x20 && b != (byte)'\n')
            {
                error = "the note contains a control character other than newline";
                return false;
            }
        }

        string all;
        try
        {
            all = StrictUtf8.GetString(note);
        }
        catch (DecoderFallbackException)
        {
            error = "the note is not valid UTF-8";
            return false;
        }

        if (!all.EndsWith('\n'))
        {
            error = "the note does not end with a newline";
            return false;
        }

        var split = all.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "no blank line separates the text from the signatures";
            return false;
        }

        if (split + 2 >= all.Length)
        {
            error = "the note has no signature lines";
            return false;
        }

        var text = all[..(split + 1)];
        var lines = all[(split + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            error = $"more than {MaxSignatures} signatures";
            return false;
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            if (!TryParseSignatureLine(line, out var signature, out error))
            {
                return false;
            }

            signatures.Add(signature);
        }

        parsed = new SignedNote(text, signatures);
        error = null;
        return true;
    }

    private static bool TryParseSignatureLine(
        string line, [NotNullWhen(true)] out NoteSignature? signature, [NotNullWhen(false)] out string? error)
    {
        signature = null;
        if (!line.StartsWith(NoteText.SignaturePrefix, StringComparison.Ordinal))
        {
            error = "a signature line does not start with an em dash and a space";
            return false;
        }

        var rest = line[NoteText.SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            error = "a signature line has no signature after the key name";
            return false;
        }

        var name = rest[..space];
        if (!NoteText.IsValidKeyName(name))
        {
            error = "a signature line has an invalid key name";
            return false;
        }

        if (!NoteText.TryDecodeBase64(rest[(space + 1)..], out var blob) || blob.Length < 5)
        {
            error = "a signature is not canonical base64 of a key id and signature";
            return false;
        }

        signature = new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(blob), blob.AsMemory(4));
        error = null;
        return true;
    }
}
