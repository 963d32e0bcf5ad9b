using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Mandate.Core.Audit.Internal;
using NSec.Cryptography;

namespace Mandate.Core.Audit;

/// <summary>
/// An Ed25519 verifier key in signed-note "vkey" form: <c>name+hex(key id)+base64(0x01 || public key)</c>.
/// This text is what an auditor configures to check checkpoints; it holds no secret.
/// </summary>
public sealed class NoteVerifierKey
{
    public const int PublicKeySize = 32;

    private readonly byte[] _publicKey;

    private NoteVerifierKey(string name, uint keyId, byte[] publicKey)
    {
        Name = name;
        KeyId = keyId;
        _publicKey = publicKey;
    }

    public string Name { get; }

    public uint KeyId { get; }

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>SHA-256(name || 0x0A || 0x01 || public key)[:4] as a big-endian integer.</summary>
    public static uint ComputeKeyId(string name, ReadOnlySpan<byte> ed25519PublicKey)
    {
        if (!NoteText.IsValidKeyName(name))
        {
            throw new ArgumentException("A key name is non-empty with no spaces and no '+'.", nameof(name));
        }

        return NoteText.ComputeKeyId(name, NoteText.Ed25519Type, ed25519PublicKey);
    }

    public static NoteVerifierKey FromPublicKey(string name, ReadOnlySpan<byte> ed25519PublicKey)
    {
        if (ed25519PublicKey.Length != PublicKeySize)
        {
            throw new ArgumentException($"An Ed25519 public key is {PublicKeySize} bytes.", nameof(ed25519PublicKey));
        }

        return new NoteVerifierKey(name, ComputeKeyId(name, ed25519PublicKey), ed25519PublicKey.ToArray());
    }

    public static bool TryParse(
        string? vkey, [NotNullWhen(true)] out NoteVerifierKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        var parts = vkey?.Split('+', 3); // base64 may itself contain '+'
        if (parts is not { Length: 3 })
        {
            error = "a verifier key is <name>+<8 hex digits>+<base64 key>";
            return false;
        }

        if (!NoteText.IsValidKeyName(parts[0]))
        {
            error = "the key name is empty or contains a space or '+'";
            return false;
        }

        if (parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            error = "the key id is not 8 hex digits";
            return false;
        }

        if (!NoteText.TryDecodeBase64(parts[2], out var blob) || blob.Length != 1 + PublicKeySize)
        {
            error = "the key is not base64 of a type byte and a 32-byte Ed25519 public key";
            return false;
        }

        if (blob[0] != NoteText.Ed25519Type)
        {
            error = $"signature type 0x{blob[0]:x2} is not supported (only Ed25519, 0x01)";
            return false;
        }

        var publicKey = blob[1..];
        if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out _))
        {
            error = "the key is not a valid Ed25519 public key";
            return false;
        }

        if (NoteText.ComputeKeyId(parts[0], NoteText.Ed25519Type, publicKey) != keyId)
        {
            error = "the key id does not match the key name and public key";
            return false;
        }

        key = new NoteVerifierKey(parts[0], keyId, publicKey);
        error = null;
        return true;
    }

    public static NoteVerifierKey Parse(string vkey) =>
        TryParse(vkey, out var key, out var error) ? key : throw new FormatException($"Invalid verifier key: {error}.");

    /// <summary>Verifies an Ed25519 signature over <paramref name="message"/> (the note text's UTF-8 bytes).</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureAlgorithm.Ed25519.SignatureSize)
        {
            return false;
        }

        var publicKey = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, _publicKey, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(publicKey, message, signature);
    }

    /// <summary>The vkey text.</summary>
    public override string ToString()
    {
        var blob = new byte[1 + PublicKeySize];
        blob[0] = NoteText.Ed25519Type;
        _publicKey.CopyTo(blob, 1);
        return $"{Name}+{KeyId:x8}+{Convert.ToBase64String(blob)}";
    }
}
