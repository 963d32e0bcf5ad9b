using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Mandate.Core.Identity;
using Mandate.Core.Jose;

namespace Mandate.Core.Svid;

/// <summary>
/// The public keys that verify a trust domain's SVIDs (SPIFFE Trust Domain and Bundle spec):
/// X.509 authorities and JWT signing keys, as PEM or as a SPIFFE bundle JWKS.
/// </summary>
public sealed class TrustBundle
{
    public TrustBundle(TrustDomain trustDomain, IReadOnlyList<X509Certificate2> x509Authorities, IReadOnlyList<SigningKey> jwtKeys, long sequence)
    {
        TrustDomain = trustDomain;
        X509Authorities = x509Authorities;
        JwtKeys = jwtKeys;
        Sequence = sequence;
    }

    public TrustDomain TrustDomain { get; }

    public IReadOnlyList<X509Certificate2> X509Authorities { get; }

    public IReadOnlyList<SigningKey> JwtKeys { get; }

    public long Sequence { get; }

    public SigningKey? FindJwtKey(string kid) => JwtKeys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));

    public string ToPem()
    {
        var pem = new StringBuilder();
        foreach (var ca in X509Authorities)
        {
            pem.Append(ca.ExportCertificatePem()).Append('\n');
        }

        return pem.ToString();
    }

    /// <summary>The SPIFFE bundle JWKS: <c>use</c> x509-svid (with x5c, no kid) and jwt-svid (with kid), and <c>spiffe_sequence</c>.</summary>
    public string ToJwks(TimeSpan refreshHint)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("keys");
            foreach (var ca in X509Authorities)
            {
                using var key = ca.GetECDsaPublicKey() ?? throw new InvalidOperationException("A bundle authority has no P-256 key.");
                var p = key.ExportParameters(false);
                w.WriteStartObject();
                w.WriteString("use", "x509-svid");
                Jwk.WritePublicMembers(w, p.Q.X!, p.Q.Y!);
                w.WriteStartArray("x5c");
                w.WriteStringValue(Convert.ToBase64String(ca.RawData));
                w.WriteEndArray();
                w.WriteEndObject();
            }

            foreach (var key in JwtKeys)
            {
                w.WriteStartObject();
                w.WriteString("use", "jwt-svid");
                w.WriteString("kid", key.Kid);
                Jwk.WritePublicMembers(w, key.X, key.Y);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("spiffe_sequence", Sequence);
            w.WriteNumber("spiffe_refresh_hint", (long)refreshHint.TotalSeconds);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Reads a bundle file: PEM certificates (X.509 authorities only) or a SPIFFE bundle JWKS.</summary>
    public static TrustBundle Parse(TrustDomain trustDomain, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.TrimStart().StartsWith('{'))
        {
            return ParseJwks(trustDomain, text);
        }

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(text);
        if (certificates.Count == 0)
        {
            throw new FormatException("The bundle holds no PEM certificate and is not a JWKS.");
        }

        return new TrustBundle(trustDomain, [.. certificates], [], 0);
    }

    private static TrustBundle ParseJwks(TrustDomain trustDomain, string text)
    {
        using var doc = JsonDocument.Parse(text);
        var cas = new List<X509Certificate2>();
        var keys = new List<SigningKey>();
        foreach (var key in doc.RootElement.GetProperty("keys").EnumerateArray())
        {
            var use = key.TryGetProperty("use", out var u) ? u.GetString() : null;
            if (use == "x509-svid" && key.TryGetProperty("x5c", out var x5c))
            {
                cas.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5c[0].GetString()!)));
            }
            else if (use == "jwt-svid" && key.GetProperty("kty").GetString() == "EC" && key.GetProperty("crv").GetString() == "P-256")
            {
                keys.Add(SigningKey.FromPublic(
                    System.Buffers.Text.Base64Url.DecodeFromChars(key.GetProperty("x").GetString()),
                    System.Buffers.Text.Base64Url.DecodeFromChars(key.GetProperty("y").GetString())));
            }
        }

        var sequence = doc.RootElement.TryGetProperty("spiffe_sequence", out var s) && s.TryGetInt64(out var n) ? n : 0;
        return new TrustBundle(trustDomain, cas, keys, sequence);
    }
}
