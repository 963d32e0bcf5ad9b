namespace Mandate.Core.Svid;

/// <summary>An issued X.509-SVID: the leaf certificate, its private key, and the bundle that verifies it.</summary>
public sealed record X509Svid(string SpiffeId, string CertificatePem, string PrivateKeyPem, string BundlePem, string SerialNumber, DateTimeOffset ExpiresAt);
