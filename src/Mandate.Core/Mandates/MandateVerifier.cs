using System.Buffers;
using System.Security.Cryptography;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Jose;
using Mandate.Core.Mandates.Internal;
using Mandate.Core.Svid;

namespace Mandate.Core.Mandates;

/// <summary>
/// Verifies a mandate for any .NET service that receives one: signature against the trust bundle,
/// a strict header, time claims (skew ≤ 60 s), audience, the whole delegation chain, revocation
/// and the presenter binding. Returns the first failed check as a value; never throws for a bad token.
/// Only the outer signature is checked: the chain is a set of claims inside the signed payload.
/// </summary>
public sealed partial class MandateVerifier
{
    /// <summary>Clock skew tolerated on time claims (DESIGN.md §2).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    private static readonly MandateVerificationOptions DefaultOptions = new();

    private readonly TrustBundle _bundle;
    private readonly TimeProvider _time;
    private readonly Func<string, bool> _isRevoked;
    private readonly string _issuer;

    public MandateVerifier(TrustBundle bundle, TimeProvider time)
        : this(bundle, time, static _ => false)
    {
    }

    public MandateVerifier(TrustBundle bundle, TimeProvider time, IRevocationList revocations)
        : this(bundle, time, (revocations ?? throw new ArgumentNullException(nameof(revocations))).IsRevoked)
    {
    }

    /// <summary>A verifier that asks <paramref name="isRevoked"/> about the token's jti and every jti of its chain.</summary>
    public MandateVerifier(TrustBundle bundle, TimeProvider time, Func<string, bool> isRevoked)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(isRevoked);
        _bundle = bundle;
        _time = time;
        _isRevoked = isRevoked;
        _issuer = SpiffeId.Prefix + bundle.TrustDomain.Name;
    }

    public MandateVerification Verify(string? token, MandateVerificationOptions? options = null)
    {
        options ??= DefaultOptions;
        if (token is { Length: > MandateFormat.MaxTokenLength })
        {
            return Fail(MandateCheck.Size, $"the token is longer than {MandateFormat.MaxTokenLength} characters");
        }

        // The parts are decoded into one pooled buffer, wiped before it goes back: the token's bytes do
        // not outlive its verification.
        var length = JwsCompact.BufferLength(token?.Length ?? 0);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return Verify(token, buffer.AsSpan(0, length), options);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private MandateVerification Verify(string? token, Span<byte> buffer, MandateVerificationOptions options)
    {
        if (!JwsCompact.TryDecode(token, MandateFormat.MaxTokenLength, buffer, out var jws, out var reason))
        {
            return Fail(MandateCheck.Format, reason);
        }

        // Both parts are read in one pass each before anything is judged, so malformed JSON anywhere is a
        // malformed token; the claims read are judged only once the signature verified.
        var raw = default(RawClaims);
        if (!MandateHeaderReader.TryRead(jws.Header, out var header, out reason) || !MandateClaimsScanner.TryScan(jws.Payload, ref raw, out reason))
        {
            return Fail(MandateCheck.Format, reason);
        }

        if (CheckHeader(header) is { } headerFailure)
        {
            return headerFailure;
        }

        var kid = header.Kid;
        var key = kid is null ? null : _bundle.FindJwtKey(kid);
        if (key is null)
        {
            return Fail(MandateCheck.Key, kid is null ? "the header has no kid" : $"key '{Capability.Shorten(kid)}' is not in the trust bundle of '{_bundle.TrustDomain.Name}'");
        }

        if (!key.Verify(jws.SigningInput, jws.Signature))
        {
            return Fail(MandateCheck.Signature, "the signature does not verify");
        }

        var claims = MandateClaimsReader.Read(ref raw, out reason);
        if (claims is null)
        {
            return Fail(MandateCheck.Claims, reason);
        }

        if (!string.Equals(claims.Issuer, _issuer, StringComparison.Ordinal))
        {
            return Fail(MandateCheck.Issuer, $"the issuer is '{Capability.Shorten(claims.Issuer)}', not '{_issuer}'");
        }

        return CheckTimes(claims) ?? CheckAudience(claims, options.Audience) ?? CheckChain(claims) ?? CheckRevocation(claims) ??
            CheckPresenter(claims, options) ?? MandateVerification.Valid(claims);
    }

    private static MandateVerification? CheckHeader(in MandateHeader header)
    {
        switch (header.Refused)
        {
            case null:
                break;
            case "jku" or "x5u" or "jwk" or "x5c":
                return Fail(MandateCheck.Header, $"header '{header.Refused}' is refused: keys come only from the trust bundle");
            case "crit":
                return Fail(MandateCheck.Header, "header 'crit' is refused: a mandate uses no JOSE extension");
            default:
                return Fail(MandateCheck.Header, $"header '{Capability.Shorten(header.Refused)}' is not allowed (only alg, kid, typ)");
        }

        if (!header.IsEs256)
        {
            return Fail(MandateCheck.Algorithm, $"algorithm '{Capability.Shorten(header.Algorithm ?? "(missing)")}' is not accepted; mandates are signed with ES256");
        }

        return header.IsMandateType
            ? null
            : Fail(MandateCheck.Type, $"header typ '{Capability.Shorten(header.Type ?? "(missing)")}' is not '{MandateFormat.MediaType}' (is this a JWT-SVID or another token?)");
    }

    private MandateVerification? CheckTimes(MandateClaims claims)
    {
        // Differences, not sums: a time claim may be the last second a DateTimeOffset holds, and adding the skew to it would throw.
        var now = _time.GetUtcNow();
        if (now - claims.ExpiresAt > Skew)
        {
            return Fail(MandateCheck.Expiry, $"the mandate expired at {claims.ExpiresAt:u}");
        }

        if (claims.NotBefore - now > Skew)
        {
            return Fail(MandateCheck.NotBefore, $"the mandate is not valid before {claims.NotBefore:u} (nbf)");
        }

        return claims.IssuedAt - now > Skew ? Fail(MandateCheck.IssuedAt, $"the mandate claims to be issued in the future, at {claims.IssuedAt:u} (iat)") : null;
    }

    private static MandateVerification? CheckAudience(MandateClaims claims, string? audience)
    {
        if (audience is null || claims.Audience.Contains(audience, StringComparer.Ordinal))
        {
            return null;
        }

        return Fail(MandateCheck.Audience, claims.Audience.Count == 0
            ? $"the mandate names no audience and '{Capability.Shorten(audience)}' was required"
            : $"the mandate is for '{Capability.Shorten(string.Join(", ", claims.Audience))}', not '{Capability.Shorten(audience)}'");
    }

    private MandateVerification? CheckRevocation(MandateClaims claims)
    {
        if (_isRevoked(claims.Jti))
        {
            return Fail(MandateCheck.Revocation, $"mandate '{claims.Jti}' is revoked");
        }

        for (var i = claims.Chain.Count - 2; i >= 0; i--)
        {
            if (_isRevoked(claims.Chain[i].Jti))
            {
                return Fail(MandateCheck.Revocation, $"mandate '{claims.Chain[i].Jti}' it descends from (hop {i + 1} of the chain) is revoked");
            }
        }

        return null;
    }

    private static MandateVerification? CheckPresenter(MandateClaims claims, MandateVerificationOptions options)
    {
        if (claims.Thumbprint is null)
        {
            return null;
        }

        if (options.PresenterCertificate is not { } der)
        {
            return options.RequirePresenterForBoundMandate
                ? Fail(MandateCheck.PresenterMissing, "the mandate is bound to a certificate (cnf) and no presenter certificate was given")
                : null;
        }

        return PresenterBinding.Matches(claims.Thumbprint, der.Span)
            ? null
            : Fail(MandateCheck.Presenter, "the presenter's certificate is not the one the mandate is bound to (cnf x5t#S256)");
    }

    private static MandateVerification Fail(MandateCheck check, string why)
    {
        var (code, fix) = check switch
        {
            MandateCheck.Size or MandateCheck.Format => (ErrorCodes.MandateMalformed, "Pass the mandate token exactly as it was issued."),
            MandateCheck.Header or MandateCheck.Algorithm or MandateCheck.Type => (ErrorCodes.MandateHeaderInvalid, "Only mandates issued by 'mandate grant' or 'mandate delegate' are accepted."),
            MandateCheck.Key => (ErrorCodes.MandateKeyUnknown, "Refresh the trust bundle, or check the mandate comes from this trust domain."),
            MandateCheck.Signature => (ErrorCodes.MandateSignatureInvalid, "The token was altered or signed by another key; ask for a new mandate."),
            MandateCheck.Claims => (ErrorCodes.MandateClaimsInvalid, "Only mandates issued by 'mandate grant' or 'mandate delegate' are accepted."),
            MandateCheck.Issuer => (ErrorCodes.MandateIssuerUntrusted, "Verify with the trust bundle of the domain that issued the mandate."),
            MandateCheck.Expiry => (ErrorCodes.MandateExpired, "Ask the human for a new mandate ('mandate grant')."),
            MandateCheck.NotBefore or MandateCheck.IssuedAt => (ErrorCodes.MandateNotYetValid, "Check the clocks of the issuer and this host."),
            MandateCheck.Audience => (ErrorCodes.MandateWrongAudience, "Ask for a mandate granted for this audience (--audience)."),
            MandateCheck.Revocation => (ErrorCodes.MandateRevoked, "The mandate was revoked; ask the human for a new one."),
            MandateCheck.Presenter => (ErrorCodes.MandatePresenterMismatch, "Present the mandate with the SVID it was bound to (--bind)."),
            MandateCheck.PresenterMissing => (ErrorCodes.MandatePresenterRequired, "Pass the presenter's X.509-SVID (--presenter)."),
            _ => (ErrorCodes.MandateChainInvalid, "The delegation chain was not built by 'mandate delegate'; ask for a new mandate."),
        };
        return MandateVerification.Failed(check, new MandateError(code, $"Mandate rejected: {why}.", fix));
    }
}
