using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Audit.Internal;
using NSec.Cryptography;

namespace Mandate.Core.Audit;

/// <summary>
/// Signs checkpoints (and any note text) with the log's Ed25519 key as C2SP signed notes.
/// The private key text form is the Go sumdb/note signer key,
/// <c>PRIVATE+KEY+name+hex(key id)+base64(0x01 || 32-byte seed)</c>; treat it as a secret.
/// </summary>
public sealed class CheckpointSigner : IDisposable
{
    public const int SeedSize = 32;

    private const string SignerKeyPrefix = "PRIVATE+KEY+";

    private readonly Key _key;

    private CheckpointSigner(string keyName, Key key)
    {
        KeyName = keyName;
        _key = key;
        VerifierKey = NoteVerifierKey.FromPublicKey(keyName, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public string KeyName { get; }

    /// <summary>The public vkey to hand to auditors and <see cref="CheckpointVerifier"/>.</summary>
    public NoteVerifierKey VerifierKey { get; }

    /// <summary>A new key from <see cref="RandomNumberGenerator"/>.</summary>
    public static CheckpointSigner Generate(string keyName)
    {
        Span<byte> seed = stackalloc byte[SeedSize];
        RandomNumberGenerator.Fill(seed);
        try
        {
            return FromSeed(keyName, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>A signer from a 32-byte RFC 8032 Ed25519 private key seed.</summary>
    public static CheckpointSigner FromSeed(string keyName, ReadOnlySpan<byte> ed25519Seed)
    {
        if (!NoteText.IsValidKeyName(keyName))
        {
            throw new ArgumentException("A key name is non-empty with no spaces and no '+'.", nameof(keyName));
        }

        if (ed25519Seed.Length != SeedSize)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedSize} bytes.", nameof(ed25519Seed));
        }

        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        var key = Key.Import(SignatureAlgorithm.Ed25519, ed25519Seed, KeyBlobFormat.RawPrivateKey, in parameters);
        return new CheckpointSigner(keyName, key);
    }

    /// <summary>Parses a signer key text; the error never echoes key material.</summary>
    public static bool TryParse(
        string? signerKey, [NotNullWhen(true)] out CheckpointSigner? signer, [NotNullWhen(false)] out string? error)
    {
        signer = null;
        if (signerKey is null || !signerKey.StartsWith(SignerKeyPrefix, StringComparison.Ordinal))
        {
            error = "a signer key starts with PRIVATE+KEY+";
            return false;
        }

        var parts = signerKey[SignerKeyPrefix.Length..].Split('+', 3);
        if (parts.Length != 3 || !NoteText.IsValidKeyName(parts[0]))
        {
            error = "a signer key is PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>";
            return false;
        }

        if (parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            error = "the key id is not 8 hex digits";
            return false;
        }

        if (!NoteText.TryDecodeBase64(parts[2], out var blob) || blob.Length != 1 + SeedSize || blob[0] != NoteText.Ed25519Type)
        {
            error = "the key is not base64 of 0x01 and a 32-byte Ed25519 seed";
            return false;
        }

        try
        {
            var candidate = FromSeed(parts[0], blob.AsSpan(1));
            if (candidate.VerifierKey.KeyId != keyId)
            {
                candidate.Dispose();
                error = "the key id does not match the key name and key";
                return false;
            }

            signer = candidate;
            error = null;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>The signer key text (secret: store it with owner-only permissions).</summary>
    public string ExportSignerKey()
    {
        var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
        var blob = new byte[1 + SeedSize];
        blob[0] = NoteText.Ed25519Type;
        seed.CopyTo(blob, 1);
        try
        {
            return $"{SignerKeyPrefix}{KeyName}+{VerifierKey.KeyId:x8}+{Convert.ToBase64String(blob)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>The complete signed note for <paramref name="checkpoint"/>.</summary>
    public string Sign(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return SignNote(checkpoint.ToNoteText());
    }

    /// <summary>Signs arbitrary note text (non-empty, ending in a newline) and returns the signed note.</summary>
    public string SignNote(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (!text.EndsWith('\n') || text.Any(c => c < ' ' && c != '\n'))
        {
            throw new ArgumentException("Note text ends with a newline and has no other control characters.", nameof(text));
        }

        var signature = SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(text));
        var blob = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, VerifierKey.KeyId);
        signature.CopyTo(blob, 4);
        return $"{text}\n{NoteText.SignaturePrefix}{KeyName} {Convert.ToBase64String(blob)}\n";
    }

    public void Dispose() => _key.Dispose();
}
