using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Mandate.Credentials.Ssh.Internal;

namespace Mandate.Credentials.Ssh;

/// <summary>
/// Unencrypted Ed25519 private keys in OpenSSH's own format (<c>openssh-key-v1</c>, PROTOCOL.key), the format
/// <c>ssh-keygen</c> writes and <c>ssh -i</c> reads. Key material is wiped from every buffer this class fills.
/// </summary>
public static class OpenSshPrivateKey
{
    public const int SeedSize = 32;

    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private static readonly byte[] Magic = "openssh-key-v1\0"u8.ToArray();

    /// <summary>The PEM-armoured file text for an Ed25519 key (32-byte seed and 32-byte public key).</summary>
    public static string WriteEd25519(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, string comment)
    {
        if (seed.Length != SeedSize || publicKey.Length != 32)
        {
            throw new ArgumentException("An Ed25519 key is a 32-byte seed and a 32-byte public key.");
        }

        var publicBlob = SshPublicKey.FromEd25519(publicKey, "").Blob.Span;
        Span<byte> check = stackalloc byte[4];
        RandomNumberGenerator.Fill(check);
        var checkInt = BinaryPrimitives.ReadUInt32BigEndian(check);

        // OpenSSH's Ed25519 private key is the seed followed by the public key (64 bytes).
        var secret = new byte[64];
        // Sized so the buffer never grows (a grown buffer would leave a copy of the key behind).
        var section = new SshWireWriter(256 + (comment.Length * 4));
        byte[]? sectionBytes = null;
        byte[]? file = null;
        try
        {
            seed.CopyTo(secret);
            publicKey.CopyTo(secret.AsSpan(32));
            section.UInt32(checkInt).UInt32(checkInt).String(SshPublicKey.Ed25519).String(publicKey).String(secret).String(comment);
            // Padded with 1, 2, 3… to the cipher's block size, 8 for "none".
            for (byte pad = 1; section.Length % 8 != 0; pad++)
            {
                section.Byte(pad);
            }

            sectionBytes = section.ToArray();
            var writer = new SshWireWriter(sectionBytes.Length + 256)
                .Raw(Magic).String("none").String("none").String(ReadOnlySpan<byte>.Empty).UInt32(1)
                .String(publicBlob).String(sectionBytes);
            file = writer.ToArray();
            writer.Wipe();
            return Armour(file);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            section.Wipe();
            if (sectionBytes is not null)
            {
                CryptographicOperations.ZeroMemory(sectionBytes);
            }

            if (file is not null)
            {
                CryptographicOperations.ZeroMemory(file);
            }
        }
    }

    /// <summary>
    /// Reads an unencrypted Ed25519 key written by <see cref="WriteEd25519"/> or <c>ssh-keygen -t ed25519 -N ''</c>.
    /// The caller wipes the returned seed. The error says what is wrong and never echoes key material.
    /// </summary>
    public static bool TryReadEd25519(string text, out byte[] seed, out byte[] publicKey, out string error)
    {
        seed = [];
        publicKey = [];
        var body = (text ?? "").Trim();
        if (!body.StartsWith(Begin, StringComparison.Ordinal) || !body.EndsWith(End, StringComparison.Ordinal))
        {
            error = "it is not an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----)";
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(body[Begin.Length..^End.Length].Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            error = "its body is not valid base64";
            return false;
        }

        try
        {
            return TryParse(bytes, out seed, out publicKey, out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> bytes, out byte[] seed, out byte[] publicKey, out string error)
    {
        seed = [];
        publicKey = [];
        if (!bytes.StartsWith(Magic))
        {
            error = "it does not start with openssh-key-v1";
            return false;
        }

        var reader = new SshWireReader(bytes[Magic.Length..]);
        if (!reader.TryText(out var cipher) || !reader.TryText(out var kdf) || !reader.TryString(out _) || !reader.TryUInt32(out var count))
        {
            error = "its header is truncated";
            return false;
        }

        if (cipher != "none" || kdf != "none")
        {
            error = "it is encrypted with a passphrase; Mandate needs an unencrypted key";
            return false;
        }

        if (count != 1 || !reader.TryString(out _) || !reader.TryString(out var section))
        {
            error = "it does not hold exactly one key";
            return false;
        }

        var inner = new SshWireReader(section);
        if (!inner.TryUInt32(out var check1) || !inner.TryUInt32(out var check2) || check1 != check2)
        {
            error = "its check integers differ (corrupt)";
            return false;
        }

        if (!inner.TryText(out var type) || type != SshPublicKey.Ed25519)
        {
            error = "it is not an Ed25519 key";
            return false;
        }

        if (!inner.TryString(out var pk) || pk.Length != 32 || !inner.TryString(out var secret) || secret.Length != 64 || !secret[32..].SequenceEqual(pk))
        {
            error = "its Ed25519 key fields are malformed";
            return false;
        }

        seed = secret[..32].ToArray();
        publicKey = pk.ToArray();
        error = "";
        return true;
    }

    private static string Armour(byte[] file)
    {
        var base64 = Convert.ToBase64String(file);
        var text = new StringBuilder(base64.Length + 128).Append(Begin).Append('\n');
        for (var i = 0; i < base64.Length; i += 70)
        {
            text.Append(base64.AsSpan(i, Math.Min(70, base64.Length - i))).Append('\n');
        }

        return text.Append(End).Append('\n').ToString();
    }
}
