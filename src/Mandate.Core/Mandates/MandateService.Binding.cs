using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Svid;

namespace Mandate.Core.Mandates;

public sealed partial class MandateService
{
    /// <summary>
    /// A mandate is bound to the X.509-SVID of the agent it names (or of one of its sessions): bound
    /// to another agent's certificate, it would let that agent present it and act as this one.
    /// </summary>
    private static MandateError? CheckBinding(ReadOnlyMemory<byte>? certificateDer, SpiffeId agent)
    {
        if (certificateDer is not { } der)
        {
            return null;
        }

        IReadOnlyList<string> names;
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der.Span);
            names = SubjectAltNames.UriNames(certificate);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            return new MandateError(ErrorCodes.MandateRequestInvalid, "The certificate to bind to is not a readable X.509 certificate.", "Bind with the svid.pem written by 'mandate svid x509'.");
        }

        var id = agent.ToString();
        if (names.Count == 1 && (names[0] == id || names[0].StartsWith(id + "/session/", StringComparison.Ordinal)))
        {
            return null;
        }

        var named = names.Count == 0 ? "no SPIFFE ID" : string.Join(", ", names.Select(n => Capability.Shorten(n)));
        return new MandateError(
            ErrorCodes.MandateRequestInvalid,
            $"The certificate to bind to is not an X.509-SVID of {id} or one of its sessions: it names {named}.",
            "Bind with the svid.pem that 'mandate svid x509 --agent <that agent>' wrote.");
    }
}
