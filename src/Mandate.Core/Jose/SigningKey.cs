using System.Security.Cryptography;

namespace Mandate.Core.Jose;

/// <summary>An ES256 (P-256) key with its key id, the RFC 7638 JWK thumbprint.</summary>
public sealed class SigningKey : IDisposable
{
    private SigningKey(ECDsa key, bool hasPrivateKey)
    {
        Key = key;
        HasPrivateKey = hasPrivateKey;
        var p = key.ExportParameters(false);
        X = p.Q.X!;
        Y = p.Q.Y!;
        Kid = Jwk.Thumbprint(X, Y);
    }

    public string Kid { get; }

    public bool HasPrivateKey { get; }

    internal ECDsa Key { get; }

    internal byte[] X { get; }

    internal byte[] Y { get; }

    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), true);

    /// <summary>Loads a PKCS#8 private key or a SubjectPublicKeyInfo public key from PEM.</summary>
    public static SigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256)
            {
                throw new CryptographicException("Only P-256 keys are supported.");
            }

            return new SigningKey(key, pem.Contains("PRIVATE KEY", StringComparison.Ordinal));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static SigningKey FromPublic(byte[] x, byte[] y)
    {
        var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        return new SigningKey(key, false);
    }

    public string ExportPrivateKeyPem() => Key.ExportPkcs8PrivateKeyPem();

    public string ExportPublicKeyPem() => Key.ExportSubjectPublicKeyInfoPem();

    internal byte[] Sign(ReadOnlySpan<byte> data) =>
        Key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    internal bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == JwsAlgorithm.ES256SignatureLength &&
        Key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => Key.Dispose();
}
