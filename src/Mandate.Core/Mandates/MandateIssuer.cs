using System.Security.Cryptography;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Jose;
using Mandate.Core.Mandates.Internal;

namespace Mandate.Core.Mandates;

/// <summary>
/// Signs mandates: a human's grant to an agent, and an agent's delegation to a sub-agent. Every
/// refusal is a value naming the reason and, where there is one, the offending capability.
/// </summary>
public sealed partial class MandateIssuer
{
    /// <summary>The longest a mandate may live (DESIGN.md §7) unless the issuer is given a lower cap.</summary>
    public static readonly TimeSpan AbsoluteMaxTtl = TimeSpan.FromHours(8);

    /// <summary>A delegation's TTL when none is asked for (cut to what the parent has left).</summary>
    public static readonly TimeSpan DefaultDelegationTtl = TimeSpan.FromMinutes(30);

    private readonly SigningKey _key;
    private readonly TrustDomain _trustDomain;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxTtl;
    private readonly string _issuer;

    public MandateIssuer(SigningKey key, TrustDomain trustDomain, TimeProvider time)
        : this(key, trustDomain, time, AbsoluteMaxTtl)
    {
    }

    /// <summary>An issuer whose grants live at most <paramref name="maxTtl"/> (the configured cap; never more than <see cref="AbsoluteMaxTtl"/>).</summary>
    public MandateIssuer(SigningKey key, TrustDomain trustDomain, TimeProvider time, TimeSpan maxTtl)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(trustDomain);
        ArgumentNullException.ThrowIfNull(time);
        if (!key.HasPrivateKey)
        {
            throw new ArgumentException("The mandate signing key has no private key.", nameof(key));
        }

        _key = key;
        _trustDomain = trustDomain;
        _time = time;
        _maxTtl = maxTtl > AbsoluteMaxTtl ? AbsoluteMaxTtl : maxTtl;
        _issuer = SpiffeId.Prefix + trustDomain.Name;
    }

    /// <summary>Signs a human's grant to an agent: the root of a delegation chain.</summary>
    public Outcome<IssuedMandate> Grant(MandateGrant request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckGrant(request) is { } error)
        {
            return error;
        }

        var now = Now();
        var exp = DateTimeOffset.FromUnixTimeSeconds((now + request.Ttl).ToUnixTimeSeconds());
        var jti = NewJti();
        var human = MandateFormat.HumanPrefix + request.HumanEmail;
        var agent = request.Agent.ToString();
        return Sign(new MandateClaims
        {
            Issuer = _issuer,
            Subject = human,
            Actors = [agent],
            Scope = request.Scope,
            Task = new MandateTask(request.TaskId, request.Purpose),
            Chain = [new DelegationHop(human, agent, request.Scope, now, exp, jti)],
            Constraints = new MandateConstraints(request.MaxDepth, request.Ask),
            Thumbprint = request.PresenterCertificate is { } der ? PresenterBinding.Thumbprint(der.Span) : null,
            IssuedAt = now,
            NotBefore = now,
            ExpiresAt = exp,
            Jti = jti,
            Audience = request.Audience is null ? [] : [request.Audience],
        });
    }

    /// <summary>
    /// Signs a child mandate from a verified parent: the sub-agent becomes the outermost <c>act</c>
    /// with the previous actors nested, and the chain gains one hop. Refused unless the parent grants
    /// <c>agent:delegate:&lt;type&gt;</c>, covers the scope, outlives the child and allows one more hop.
    /// </summary>
    public Outcome<IssuedMandate> Delegate(MandateClaims parent, MandateDelegation request)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(request);
        var now = Now();
        if (CheckDelegation(parent, request, now, out var exp) is { } error)
        {
            return error;
        }

        // Issue times never go backwards along a chain, even if this clock is behind the parent's issuer.
        var iat = now < parent.IssuedAt ? parent.IssuedAt : now;
        var jti = NewJti();
        var to = request.To.ToString();
        return Sign(new MandateClaims
        {
            Issuer = _issuer,
            Subject = parent.Subject,
            Actors = [.. parent.Actors, to],
            Scope = request.Scope,
            Task = parent.Task with { Purpose = request.Purpose ?? parent.Task.Purpose },
            Chain = [.. parent.Chain, new DelegationHop(parent.Actor, to, request.Scope, iat, exp, jti)],
            Constraints = parent.Constraints,
            Thumbprint = request.PresenterCertificate is { } der ? PresenterBinding.Thumbprint(der.Span) : null,
            IssuedAt = iat,
            NotBefore = iat,
            ExpiresAt = exp,
            Jti = jti,
            Audience = parent.Audience,
        });
    }

    private IssuedMandate Sign(MandateClaims claims) =>
        new(JwsWriter.Sign(_key, MandateFormat.MediaType, w => MandateClaimsWriter.Write(w, claims)), claims);

    /// <summary>Whole seconds: what the token can carry, so the returned claims equal the verified ones.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>128 random bits as <c>mdt_</c> and 32 hex digits: safe to type and to pass on a command line (never starts with '-').</summary>
    private static string NewJti() => "mdt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
