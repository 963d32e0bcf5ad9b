namespace Mandate.Core.Mandates;

/// <summary>The checks <see cref="MandateVerifier"/> makes, in order; a refusal names the first that failed.</summary>
public enum MandateCheck
{
    /// <summary>The token is longer than <see cref="MandateFormat.MaxTokenLength"/>.</summary>
    Size,

    /// <summary>Not three base64url parts of JSON objects (the header with unique member names; the payload's are checked with the claims).</summary>
    Format,

    /// <summary>A header member other than alg, kid, typ (jku, x5u, jwk, x5c and crit are named).</summary>
    Header,

    /// <summary><c>alg</c> is not ES256.</summary>
    Algorithm,

    /// <summary><c>typ</c> is not exactly mandate+jwt.</summary>
    Type,

    /// <summary><c>kid</c> is missing or not in the trust bundle.</summary>
    Key,

    /// <summary>The ES256 signature does not verify.</summary>
    Signature,

    /// <summary>A claim is missing, malformed, unknown or repeated (at any level: act, task, a hop, constraints, cnf).</summary>
    Claims,

    /// <summary><c>iss</c> is not this trust domain.</summary>
    Issuer,

    /// <summary><c>exp</c> has passed (beyond the skew).</summary>
    Expiry,

    /// <summary><c>nbf</c> is in the future (beyond the skew).</summary>
    NotBefore,

    /// <summary><c>iat</c> is in the future (beyond the skew).</summary>
    IssuedAt,

    /// <summary>The audience asked for is not in <c>aud</c>.</summary>
    Audience,

    /// <summary>More re-delegations than <c>max_depth</c>.</summary>
    ChainDepth,

    /// <summary>Delegators and delegatees do not link up from <c>sub</c>, or disagree with the nested <c>act</c>.</summary>
    ChainActors,

    /// <summary>The last hop does not describe this token (jti, scope), or a jti repeats.</summary>
    ChainLink,

    /// <summary>A hop's scope is not covered by the hop before it.</summary>
    ChainScope,

    /// <summary>A hop's delegator was not granted <c>agent:delegate:&lt;type&gt;</c> for the delegatee.</summary>
    ChainDelegation,

    /// <summary>An expiry grows along the chain.</summary>
    ChainExpiry,

    /// <summary>Issue times go backwards along the chain, or a hop expires before it was issued.</summary>
    ChainOrder,

    /// <summary>The token or a hop of its chain is revoked.</summary>
    Revocation,

    /// <summary>The presenter's certificate does not match <c>cnf</c>.</summary>
    Presenter,

    /// <summary>The mandate is bound (<c>cnf</c>) and no presenter certificate was given.</summary>
    PresenterMissing,
}
