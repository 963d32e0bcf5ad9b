using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mandate.Core.Jose;

/// <summary>JSON Web Key helpers for P-256 keys (RFC 7517, RFC 7638).</summary>
internal static class Jwk
{
    /// <summary>RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order.</summary>
    public static string Thumbprint(byte[] x, byte[] y)
    {
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url.EncodeToString(x)}\",\"y\":\"{Base64Url.EncodeToString(y)}\"}}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Writes the public members of an EC P-256 key (kty, crv, x, y).</summary>
    public static void WritePublicMembers(Utf8JsonWriter writer, byte[] x, byte[] y)
    {
        writer.WriteString("kty", "EC");
        writer.WriteString("crv", "P-256");
        writer.WriteString("x", Base64Url.EncodeToString(x));
        writer.WriteString("y", Base64Url.EncodeToString(y));
    }
}
