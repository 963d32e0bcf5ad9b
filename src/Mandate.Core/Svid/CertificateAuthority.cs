using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mandate.Core.Identity;

namespace Mandate.Core.Svid;

/// <summary>
/// The trust domain's X.509 signing authority: a self-signed P-256 root whose only URI SAN is
/// <c>spiffe://&lt;td&gt;</c> (X509-SVID spec §4.1: CA true, keyCertSign, no path in its SPIFFE ID).
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa _key;
    private LeafCertificateWriter? _leafWriter;
    private string? _certificatePem;

    private CertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The root certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    public static CertificateAuthority Create(TrustDomain trustDomain, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(trustDomain);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"O=Mandate, CN={trustDomain.Name} root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, X509SubjectKeyIdentifierHashAlgorithm.ShortSha256, false));
        request.CertificateExtensions.Add(UriSan(trustDomain.IdString, critical: false));
        var notBefore = Truncate(now);
        using var withKey = request.CreateSelfSigned(notBefore, notBefore + lifetime);
        var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        return new CertificateAuthority(publicOnly, key);
    }

    public static CertificateAuthority Load(string certificatePem, string keyPem)
    {
        var certificate = X509Certificate2.CreateFromPem(certificatePem);
        var key = ECDsa.Create();
        key.ImportFromPem(keyPem);
        return new CertificateAuthority(certificate, key);
    }

    public string ExportCertificatePem() => _certificatePem ??= Certificate.ExportCertificatePem();

    public string ExportKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// Signs an X.509-SVID leaf (X509-SVID spec §4) for a public key: exactly one URI SAN, CA false,
    /// digitalSignature (critical), no keyCertSign or cRLSign, serverAuth and clientAuth. Never
    /// outlives the CA. Returns the PEM, the serial number (hex) and the end of validity.
    /// </summary>
    public (string Pem, string Serial, DateTimeOffset NotAfter) SignLeaf(SpiffeId id, byte[] subjectPublicKeyInfo, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(id);
        _leafWriter ??= new LeafCertificateWriter(Certificate, _key, id.TrustDomain.Name);
        var (der, serial, end) = _leafWriter.Write(id.ToString(), subjectPublicKeyInfo, notBefore, notAfter);
        return (PemEncoding.WriteString("CERTIFICATE", der), serial, end);
    }

    private static X509Extension UriSan(string uri, bool critical)
    {
        // SubjectAltName ::= GeneralNames; uniformResourceIdentifier is [6] IA5String.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
        }

        return new X509Extension("2.5.29.17", writer.Encode(), critical);
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset);

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
