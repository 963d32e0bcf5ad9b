namespace Mandate.Core.Audit.Internal;

/// <summary>
/// SHA-256 and HMAC-SHA-256 through libsodium (NSec), which the audit log loads anyway for its Ed25519
/// checkpoint key. The BCL's SHA256 loads OpenSSL on first use, several milliseconds the hook, on the
/// path of every agent tool call, cannot spare. Results are the same bytes (checked against the BCL in tests).
/// </summary>
internal static class Sha256
{
    public const int Size = 32;
    private const int BlockSize = 64;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination) =>
        NSec.Cryptography.HashAlgorithm.Sha256.Hash(data, destination);

    /// <summary>HMAC-SHA-256 (RFC 2104) over <see cref="Hash"/>.</summary>
    public static void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize)
        {
            Hash(key, block[..Size]);
        }
        else
        {
            key.CopyTo(block);
        }

        var inner = new byte[BlockSize + data.Length];
        Span<byte> outer = stackalloc byte[BlockSize + Size];
        for (var i = 0; i < BlockSize; i++)
        {
            inner[i] = (byte)(block[i] ^ 0x36);
            outer[i] = (byte)(block[i] ^ 0x5c);
        }

        data.CopyTo(inner.AsSpan(BlockSize));
        Hash(inner, outer[BlockSize..]);
        Hash(outer, destination);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(block);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(inner.AsSpan(0, BlockSize));
    }
}
