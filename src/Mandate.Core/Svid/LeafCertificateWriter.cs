using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mandate.Core.Svid;

/// <summary>
/// Encodes and signs an X.509-SVID leaf directly with <see cref="AsnWriter"/> (RFC 5280 §4.1).
/// <see cref="CertificateRequest.Create(X500DistinguishedName, X509SignatureGenerator, DateTimeOffset, DateTimeOffset, byte[])"/>
/// does the same but then loads the result as an <see cref="X509Certificate2"/>, which costs
/// ~300 µs per certificate here; issuance only needs the DER bytes (docs/adr/0005).
/// </summary>
internal sealed class LeafCertificateWriter
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, true);
    private static readonly Asn1Tag Explicit3 = new(TagClass.ContextSpecific, 3, true);
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);
    private static readonly Asn1Tag KeyIdTag = new(TagClass.ContextSpecific, 0);

    private readonly ECDsa _caKey;
    private readonly byte[] _issuer;
    private readonly byte[] _authorityKeyId;
    private readonly byte[] _subject;
    private readonly DateTimeOffset _caNotAfter;
    private readonly byte[] _basicConstraints = new X509BasicConstraintsExtension(false, false, 0, true).RawData;
    private readonly byte[] _keyUsage = new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true).RawData;
    private readonly byte[] _extendedKeyUsage = new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false).RawData;

    public LeafCertificateWriter(X509Certificate2 ca, ECDsa caKey, string trustDomain)
    {
        _caKey = caKey;
        _issuer = ca.SubjectName.RawData;
        _caNotAfter = new DateTimeOffset(ca.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        _subject = new X500DistinguishedName($"O=Mandate, OU={trustDomain}").RawData;
        var ski = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
        _authorityKeyId = ski?.SubjectKeyIdentifierBytes.ToArray() ?? KeyId(ca.PublicKey.EncodedKeyValue.RawData);
    }

    /// <summary>Returns the certificate's DER bytes, its serial number (hex) and its end of validity.</summary>
    public (byte[] Der, string Serial, DateTimeOffset NotAfter) Write(string spiffeId, byte[] subjectPublicKeyInfo, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive INTEGER
        serial[0] |= 0x01; // and no leading zero byte to strip
        var end = notAfter > _caNotAfter ? _caNotAfter : notAfter;
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            using (tbs.PushSequence(Explicit0))
            {
                tbs.WriteInteger(2); // v3
            }

            tbs.WriteIntegerUnsigned(serial);
            WriteAlgorithm(tbs);
            tbs.WriteEncodedValue(_issuer);
            using (tbs.PushSequence())
            {
                WriteTime(tbs, notBefore);
                WriteTime(tbs, end);
            }

            tbs.WriteEncodedValue(_subject);
            tbs.WriteEncodedValue(subjectPublicKeyInfo);
            WriteExtensions(tbs, spiffeId, subjectPublicKeyInfo);
        }

        var tbsBytes = tbs.Encode();
        var signature = _caKey.SignData(tbsBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(tbsBytes);
            WriteAlgorithm(certificate);
            certificate.WriteBitString(signature);
        }

        return (certificate.Encode(), Convert.ToHexString(serial), Truncate(end));
    }

    private void WriteExtensions(AsnWriter w, string spiffeId, byte[] subjectPublicKeyInfo)
    {
        using (w.PushSequence(Explicit3))
        using (w.PushSequence())
        {
            WriteExtension(w, "2.5.29.19", true, _basicConstraints);
            WriteExtension(w, "2.5.29.15", true, _keyUsage);
            WriteExtension(w, "2.5.29.37", false, _extendedKeyUsage);
            var ski = new AsnWriter(AsnEncodingRules.DER);
            ski.WriteOctetString(KeyId(PublicKeyBits(subjectPublicKeyInfo)));
            WriteExtension(w, "2.5.29.14", false, ski.Encode());
            var aki = new AsnWriter(AsnEncodingRules.DER);
            using (aki.PushSequence())
            {
                aki.WriteOctetString(_authorityKeyId, KeyIdTag);
            }

            WriteExtension(w, "2.5.29.35", false, aki.Encode());
            var san = new AsnWriter(AsnEncodingRules.DER);
            using (san.PushSequence())
            {
                san.WriteCharacterString(UniversalTagNumber.IA5String, spiffeId, UriTag);
            }

            WriteExtension(w, "2.5.29.17", false, san.Encode());
        }
    }

    private static void WriteExtension(AsnWriter w, string oid, bool critical, byte[] value)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (critical)
            {
                w.WriteBoolean(true);
            }

            w.WriteOctetString(value);
        }
    }

    private static void WriteAlgorithm(AsnWriter w)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(EcdsaWithSha256);
        }
    }

    /// <summary>UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).</summary>
    private static void WriteTime(AsnWriter w, DateTimeOffset t)
    {
        t = Truncate(t);
        if (t.Year < 2050)
        {
            w.WriteUtcTime(t);
        }
        else
        {
            w.WriteGeneralizedTime(t, omitFractionalSeconds: true);
        }
    }

    /// <summary>The subjectPublicKey BIT STRING's contents from a SubjectPublicKeyInfo.</summary>
    private static byte[] PublicKeyBits(byte[] spki)
    {
        var reader = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        reader.ReadSequence();
        return reader.ReadBitString(out _);
    }

    /// <summary>RFC 7093 §2 method 1: the leftmost 160 bits of the SHA-256 of the public key bits.</summary>
    private static byte[] KeyId(byte[] publicKeyBits) => SHA256.HashData(publicKeyBits)[..20];

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
