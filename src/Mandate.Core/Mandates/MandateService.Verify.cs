using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Audit;
using Mandate.Core.Jose;
using Mandate.Core.Storage;

namespace Mandate.Core.Mandates;

public sealed partial class MandateService
{
    /// <summary>
    /// Verifies a token presented to this trust domain. A failure is audited; when the token is one
    /// this domain issued (revoked, expired, for another audience…), the record names its human,
    /// agent, task and mandate, as every other mandate record does.
    /// </summary>
    public MandateVerification Verify(string token, MandateVerificationOptions options, string actor)
    {
        var result = _verifier.Verify(token, options);
        if (result.IsValid)
        {
            return result;
        }

        var known = Issued(token);
        var details = new Dictionary<string, string?> { ["check"] = result.FailedCheck.ToString(), ["code"] = result.Error.Code, ["reason"] = result.Error.Message };
        if (known is null && ClaimedJti(token) is { } claimed)
        {
            // Not a token issued here (altered, forged, another domain's): the id it claims helps an investigation, and is marked as a claim.
            details["claimed_jti"] = claimed;
        }

        var record = Record("mandate.verify.fail", actor, known, null, null);
        _audit.Append(record with
        {
            Task = known is null ? null : new AuditTask(known.TaskId, known.Purpose),
            Resource = known?.Actor,
            Outcome = "rejected",
            Details = details,
        });
        return result;
    }

    /// <summary>The record of mandate <paramref name="jti"/>, if this trust domain issued it.</summary>
    public MandateRecord? Find(string jti) => _store.Find(jti);

    /// <summary>
    /// The record of a token this trust domain issued: found by the jti it claims and matched by the
    /// SHA-256 of the whole token, so an altered copy of a real mandate is not taken for it.
    /// </summary>
    private MandateRecord? Issued(string? token)
    {
        var jti = ClaimedJti(token);
        var record = jti is null ? null : _store.Find(jti);
        return record is not null && string.Equals(record.TokenSha256, TokenHash(token!), StringComparison.Ordinal) ? record : null;
    }

    /// <summary>The jti a token claims, unverified: a name to look up, never trusted. Null unless it is a short printable string.</summary>
    private static string? ClaimedJti(string? token)
    {
        if (!JwsToken.TryParse(token, MandateFormat.MaxTokenLength, out var jws, out _))
        {
            return null;
        }

        using (jws)
        {
            try
            {
                return jws!.ClaimString("jti") is { Length: > 0 and <= 128 } jti && !jti.Any(char.IsControl) ? jti : null;
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-16 once unescaped: no name to look up.
                return null;
            }
        }
    }

    private static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
