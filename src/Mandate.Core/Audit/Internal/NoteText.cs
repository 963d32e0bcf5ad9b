using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Mandate.Core.Audit.Internal;

/// <summary>Shared rules of the C2SP signed-note format (c2sp.org/signed-note).</summary>
internal static class NoteText
{
    /// <summary>Signature type byte for Ed25519 in key ids and vkeys.</summary>
    public const byte Ed25519Type = 0x01;

    /// <summary>"— " : em dash (U+2014) and a space, the start of every signature line.</summary>
    public const string SignaturePrefix = "\u2014 ";

    /// <summary>Key names are non-empty and contain no Unicode space and no '+'.</summary>
    public static bool IsValidKeyName([NotNullWhen(true)] string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || rune.Value == '+' || rune == Rune.ReplacementChar)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian.</summary>
    public static uint ComputeKeyId(string name, byte signatureType, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = signatureType;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        Span<byte> hash = stackalloc byte[32];
        Sha256.Hash(input, hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    /// <summary>RFC 4648 §4 base64 with padding, refusing whitespace and non-canonical encodings.</summary>
    public static bool TryDecodeBase64([NotNullWhen(true)] string? text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (string.IsNullOrEmpty(text) || text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        var decoded = buffer[..written];
        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
