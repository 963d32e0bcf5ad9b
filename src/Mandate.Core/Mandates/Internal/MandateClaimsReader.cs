using System.Text.Json;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// Judges a mandate's payload as <see cref="MandateClaimsScanner"/> recorded it: every claim has one
/// type, unknown claims and repeated names are refused at every level, and each scope is parsed once
/// (and remembered, <see cref="ParseCache"/>) so the chain checks work on parsed values. The first
/// problem is reported, in a fixed order of checks whatever the order of the members.
/// </summary>
internal static partial class MandateClaimsReader
{
    public static MandateClaims? Read(ref RawClaims raw, out string reason)
    {
        reason = "";
        if (raw.Unknown is { } unknown)
        {
            reason = $"claim '{Capability.Shorten(unknown)}' is not part of a mandate";
            return null;
        }

        if (raw.Repeated)
        {
            reason = "a claim name appears more than once";
            return null;
        }

        var issuer = String(raw.Issuer, "iss", ref reason);
        var subject = String(raw.Subject, "sub", ref reason);
        var id = String(raw.Jti, "jti", ref reason);
        if (reason.Length > 0)
        {
            return null;
        }

        if (!IsHuman(subject!))
        {
            reason = "sub must be user:<email>";
            return null;
        }

        if (id!.Length > 128)
        {
            reason = "jti is longer than 128 characters";
            return null;
        }

        if (!Time(raw.ExpiresAt, "exp", required: true, out var expires, ref reason) ||
            !Time(raw.IssuedAt, "iat", required: true, out var issued, ref reason) ||
            !Time(raw.NotBefore, "nbf", required: false, out var notBefore, ref reason))
        {
            return null;
        }

        if (expires < issued)
        {
            reason = "exp is before iat";
            return null;
        }

        var scopes = new ScopeMemo();
        var actors = ReadActors(ref raw, ref reason);
        var granted = reason.Length == 0 ? ReadScope(raw.Scope, "scope", ref scopes, ref reason) : null;
        var mandateTask = reason.Length == 0 ? ReadTask(ref raw, ref reason) : null;
        var hops = reason.Length == 0 ? ReadChain(ref raw, ref scopes, ref reason) : null;
        var limits = reason.Length == 0 ? ReadConstraints(ref raw, ref reason) : null;
        var thumbprint = reason.Length == 0 ? ReadConfirmation(ref raw, ref reason) : null;
        var audience = reason.Length == 0 ? ReadAudience(ref raw, ref reason) : null;
        if (reason.Length > 0)
        {
            return null;
        }

        return new MandateClaims
        {
            Issuer = issuer!,
            Subject = subject!,
            Actors = actors!,
            Scope = granted!,
            Task = mandateTask!,
            Chain = hops!,
            Constraints = limits!,
            Thumbprint = thumbprint,
            IssuedAt = issued,
            NotBefore = raw.NotBefore.IsPresent ? notBefore : issued,
            ExpiresAt = expires,
            Jti = id,
            Audience = audience!,
        };
    }

    /// <summary><c>user:</c> then an e-mail address: one '@', non-empty local part and domain, no white space or controls.</summary>
    public static bool IsHuman(string subject)
    {
        if (!subject.StartsWith(MandateFormat.HumanPrefix, StringComparison.Ordinal) || subject.Length > 260)
        {
            return false;
        }

        var email = subject.AsSpan(MandateFormat.HumanPrefix.Length);
        var at = email.IndexOf('@');
        if (at <= 0 || at == email.Length - 1 || email.LastIndexOf('@') != at)
        {
            return false;
        }

        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The <c>act</c> nesting, innermost first; each level is judged before the one inside it.</summary>
    private static List<string>? ReadActors(ref RawClaims raw, ref string reason)
    {
        if (!raw.HasActor)
        {
            reason = "the act claim is missing";
            return null;
        }

        var actors = new List<string>(raw.ActorCount);
        string? checkedId = null;
        for (var level = 0; level < raw.ActorCount; level++)
        {
            ref var actor = ref raw.Actors[level];
            if (actor.Shape.Type != JsonTokenType.StartObject)
            {
                reason = "act must be an object";
                return null;
            }

            if (actor.Shape.Unknown is { } unknown)
            {
                reason = $"act has a member '{Capability.Shorten(unknown)}' (only sub and act)";
                return null;
            }

            if (actor.Shape.Repeated)
            {
                reason = "act repeats a member name";
                return null;
            }

            // The scanner gave a repeated actor the same string, so one check serves the repeats.
            var id = String(actor.Subject, "act.sub", ref reason);
            if (id is null || (!ReferenceEquals(id, checkedId) && !ParseCache.IsSpiffeId(id)))
            {
                reason = "act.sub must be the actor's SPIFFE ID";
                return null;
            }

            checkedId = id;
            actors.Add(id);
            if (actors.Count > MandateFormat.MaxDepthLimit + 1)
            {
                reason = "act is nested deeper than any chain may be";
                return null;
            }

            if (!actor.HasInner)
            {
                break;
            }
        }

        actors.Reverse();
        return actors;
    }

    private static List<DelegationHop>? ReadChain(ref RawClaims raw, ref ScopeMemo scopes, ref string reason)
    {
        if (raw.ChainType != JsonTokenType.StartArray || raw.ChainLength is 0 or > RawClaims.HopLimit)
        {
            reason = $"delegation_chain must be an array of 1 to {RawClaims.HopLimit} hops";
            return null;
        }

        var hops = new List<DelegationHop>(raw.ChainLength);
        for (var i = 0; i < raw.ChainLength; i++)
        {
            var read = ReadHop(ref raw.Hops[i], ref scopes, ref reason);
            if (read is null)
            {
                reason = "delegation_chain: " + reason;
                return null;
            }

            hops.Add(read);
        }

        return hops;
    }

    private static DelegationHop? ReadHop(ref RawClaims.Hop hop, ref ScopeMemo scopes, ref string reason)
    {
        if (hop.Shape.Type != JsonTokenType.StartObject)
        {
            reason = "a hop must be an object";
            return null;
        }

        if (hop.Shape.Unknown is { } unknown)
        {
            reason = $"a hop has a member '{Capability.Shorten(unknown)}' (only delegator, delegatee, scope, iat, exp, jti)";
            return null;
        }

        if (hop.Shape.Repeated)
        {
            reason = "a hop repeats a member name";
            return null;
        }

        var from = String(hop.Delegator, "delegator", ref reason);
        var to = String(hop.Delegatee, "delegatee", ref reason);
        var id = String(hop.Jti, "jti", ref reason);
        var granted = reason.Length == 0 ? ReadScope(hop.Scope, "scope", ref scopes, ref reason) : null;
        if (reason.Length > 0 || !Time(hop.IssuedAt, "iat", true, out var issued, ref reason) || !Time(hop.ExpiresAt, "exp", true, out var expires, ref reason))
        {
            return null;
        }

        return new DelegationHop(from!, to!, granted!, issued, expires, id!);
    }
}
