using System.Text.Json;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Jose;

namespace Mandate.Core.Svid;

public sealed partial class SvidVerifier
{
    /// <summary>JWT-SVIDs are small; anything larger is refused before it is decoded.</summary>
    public const int MaxJwtLength = 8 * 1024;

    private static readonly string[] AllowedHeaders = ["alg", "kid", "typ"];

    /// <summary>Verifies a JWT-SVID (JWT-SVID spec §3–§5). With no <paramref name="audience"/>, any audience is accepted but one must be present.</summary>
    public Outcome<VerifiedSvid> VerifyJwt(string token, string? audience)
    {
        if (!JwsToken.TryParse(token, MaxJwtLength, out var jws, out var reason))
        {
            return Fail(ErrorCodes.SvidMalformed, reason);
        }

        using (jws)
        {
            return VerifyJwt(jws!, audience);
        }
    }

    private Outcome<VerifiedSvid> VerifyJwt(JwsToken jws, string? audience)
    {
        foreach (var header in jws.Header.EnumerateObject())
        {
            if (!AllowedHeaders.Contains(header.Name))
            {
                return Fail(ErrorCodes.SvidInvalid, $"header '{header.Name}' is not allowed in a JWT-SVID (only alg, kid, typ)");
            }
        }

        var alg = jws.HeaderString("alg");
        if (alg != JwsAlgorithm.ES256)
        {
            return Fail(ErrorCodes.SvidInvalid, $"algorithm '{alg ?? "(none)"}' is not accepted; Mandate signs JWT-SVIDs with ES256");
        }

        var typ = jws.HeaderString("typ");
        if (jws.Header.TryGetProperty("typ", out _) && typ is not ("JWT" or "JOSE"))
        {
            return Fail(ErrorCodes.SvidInvalid, $"header typ '{typ}' is not JWT or JOSE (a mandate is not a JWT-SVID)");
        }

        var kid = jws.HeaderString("kid");
        var key = kid is null ? null : _bundle.FindJwtKey(kid);
        if (key is null)
        {
            return Fail(ErrorCodes.SvidUntrusted, kid is null ? "the token has no kid" : $"key '{kid}' is not in the trust bundle");
        }

        if (!jws.VerifySignature(key))
        {
            return Fail(ErrorCodes.SvidUntrusted, "the signature does not verify");
        }

        var sub = jws.ClaimString("sub");
        var id = SpiffeId.Parse(sub);
        if (!id.IsSuccess)
        {
            return Fail(ErrorCodes.SvidInvalid, "sub: " + id.Error.Message);
        }

        if (!string.Equals(id.Value.TrustDomain.Name, _bundle.TrustDomain.Name, StringComparison.Ordinal))
        {
            return Fail(ErrorCodes.SvidUntrusted, $"the SVID belongs to trust domain '{id.Value.TrustDomain.Name}', not '{_bundle.TrustDomain.Name}'");
        }

        var audiences = ReadAudience(jws.Payload);
        if (audiences is null || audiences.Count == 0)
        {
            return Fail(ErrorCodes.SvidInvalid, "the aud claim is missing or malformed");
        }

        if (audience is not null && !audiences.Contains(audience))
        {
            return Fail(ErrorCodes.SvidWrongAudience, $"the token is for audience '{string.Join(", ", audiences)}', not '{audience}'");
        }

        return CheckTimes(jws.Payload, out var expires) is { } timeError
            ? timeError
            : new VerifiedSvid("jwt-svid", id.Value.ToString(), expires, audiences);
    }

    private MandateError? CheckTimes(JsonElement payload, out DateTimeOffset expires)
    {
        expires = default;
        var now = _time.GetUtcNow();
        if (!TryReadTime(payload, "exp", out expires))
        {
            return Fail(ErrorCodes.SvidInvalid, "the exp claim is missing or not a number");
        }

        if (now > expires + Skew)
        {
            return Fail(ErrorCodes.SvidExpired, $"the token expired at {expires:u}");
        }

        foreach (var claim in (ReadOnlySpan<string>)["nbf", "iat"])
        {
            if (payload.TryGetProperty(claim, out _))
            {
                if (!TryReadTime(payload, claim, out var t))
                {
                    return Fail(ErrorCodes.SvidInvalid, $"the {claim} claim is not a number");
                }

                if (t > now + Skew)
                {
                    return Fail(ErrorCodes.SvidNotYetValid, $"the token is not valid before {t:u} ({claim})");
                }
            }
        }

        return null;
    }

    private static bool TryReadTime(JsonElement payload, string name, out DateTimeOffset value)
    {
        value = default;
        if (!payload.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var seconds) ||
            seconds < 0 || seconds > 253402300799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static List<string>? ReadAudience(JsonElement payload)
    {
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return null;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return string.IsNullOrEmpty(aud.GetString()) ? null : [aud.GetString()!];
        }

        if (aud.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<string>();
        foreach (var item in aud.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
            {
                return null;
            }

            list.Add(item.GetString()!);
        }

        return list;
    }
}
