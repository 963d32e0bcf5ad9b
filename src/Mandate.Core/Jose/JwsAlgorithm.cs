namespace Mandate.Core.Jose;

internal static class JwsAlgorithm
{
    /// <summary>ECDSA P-256 with SHA-256 (RFC 7518 §3.4): the only algorithm Mandate signs with.</summary>
    public const string ES256 = "ES256";

    /// <summary>An ES256 signature is r || s, 32 bytes each (IEEE P1363), not DER.</summary>
    public const int ES256SignatureLength = 64;
}
