using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Jose;

namespace Mandate.Core.Tests.Svid;

/// <summary>
/// Builds JWS compact tokens by hand, from JSON text the test writes, signed with a private key
/// imported from PEM: nothing here goes through Mandate's own writer.
/// </summary>
internal static class JwtForge
{
    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string Sign(SigningKey key, string headerJson, string payloadJson)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.ExportPrivateKeyPem());
        var signingInput = Encode(headerJson) + "." + Encode(payloadJson);
        var signature = ecdsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public static string Header(SigningKey key, string typ = "JWT") => $$"""{"alg":"ES256","kid":"{{key.Kid}}","typ":"{{typ}}"}""";

    public static string Claims(string sub, string aud, DateTimeOffset iat, DateTimeOffset exp) =>
        $$"""{"sub":"{{sub}}","aud":"{{aud}}","exp":{{exp.ToUnixTimeSeconds()}},"iat":{{iat.ToUnixTimeSeconds()}}}""";

    public static string[] Parts(string token) => token.Split('.');

    public static string DecodePart(string part) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));
}
