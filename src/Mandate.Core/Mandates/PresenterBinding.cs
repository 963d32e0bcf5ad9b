using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Mandate.Core.Mandates;

/// <summary>
/// Sender-constrained mandates (RFC 7800 <c>cnf</c>, RFC 8705 §3.1 <c>x5t#S256</c>): the base64url
/// SHA-256 of the presenter's X.509-SVID in DER. A bound mandate is worth nothing without that certificate's key.
/// </summary>
public static class PresenterBinding
{
    public static string Thumbprint(ReadOnlySpan<byte> certificateDer) => Base64Url.EncodeToString(SHA256.HashData(certificateDer));

    public static string Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Thumbprint(certificate.RawData);
    }

    /// <summary>Whether <paramref name="text"/> has the form of a SHA-256 thumbprint: 43 base64url characters.</summary>
    public static bool IsThumbprint(string? text) =>
        text is { Length: 43 } && Base64Url.IsValid(text, out var length) && length == 32;

    /// <summary>Compares in constant time.</summary>
    public static bool Matches(string thumbprint, ReadOnlySpan<byte> certificateDer)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(thumbprint), Encoding.ASCII.GetBytes(Thumbprint(certificateDer)));
    }
}
