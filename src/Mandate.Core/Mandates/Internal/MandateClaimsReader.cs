using System.Text.Json;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// Reads a mandate's payload strictly, in one pass over its members: every claim has one type,
/// unknown claims are refused, and each scope is parsed once (and remembered, <see cref="ParseCache"/>)
/// so the chain checks work on parsed values.
/// </summary>
internal static partial class MandateClaimsReader
{
    public static MandateClaims? Read(JsonElement payload, out string reason)
    {
        reason = "";
        JsonElement iss = default, sub = default, aud = default, act = default, scope = default, task = default,
            chain = default, constraints = default, cnf = default, iat = default, nbf = default, exp = default, jti = default;
        var members = 0;
        foreach (var member in payload.EnumerateObject())
        {
            members++;

            // NameEquals compares UTF-8 in place: no string is allocated per member name.
            if (member.NameEquals("iss"u8)) { iss = member.Value; }
            else if (member.NameEquals("sub"u8)) { sub = member.Value; }
            else if (member.NameEquals("aud"u8)) { aud = member.Value; }
            else if (member.NameEquals("act"u8)) { act = member.Value; }
            else if (member.NameEquals("scope"u8)) { scope = member.Value; }
            else if (member.NameEquals("task"u8)) { task = member.Value; }
            else if (member.NameEquals("delegation_chain"u8)) { chain = member.Value; }
            else if (member.NameEquals("constraints"u8)) { constraints = member.Value; }
            else if (member.NameEquals("cnf"u8)) { cnf = member.Value; }
            else if (member.NameEquals("iat"u8)) { iat = member.Value; }
            else if (member.NameEquals("nbf"u8)) { nbf = member.Value; }
            else if (member.NameEquals("exp"u8)) { exp = member.Value; }
            else if (member.NameEquals("jti"u8)) { jti = member.Value; }
            else
            {
                reason = $"claim '{Capability.Shorten(member.Name)}' is not part of a mandate";
                return null;
            }
        }

        // The JWS parser leaves repeated names to this reader (MandateVerifier): a repeated claim overwrote its slot above.
        if (members != Present(iss, sub, aud, act, scope, task, chain, constraints, cnf, iat, nbf, exp, jti))
        {
            reason = "a claim name appears more than once";
            return null;
        }

        var issuer = String(iss, "iss", ref reason);
        var subject = String(sub, "sub", ref reason);
        var id = String(jti, "jti", ref reason);
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

        if (!Time(exp, "exp", required: true, out var expires, ref reason) ||
            !Time(iat, "iat", required: true, out var issued, ref reason) ||
            !Time(nbf, "nbf", required: false, out var notBefore, ref reason))
        {
            return null;
        }

        if (expires < issued)
        {
            reason = "exp is before iat";
            return null;
        }

        var actors = ReadActors(act, ref reason);
        var granted = reason.Length == 0 ? ReadScope(scope, "scope", ref reason) : null;
        var mandateTask = reason.Length == 0 ? ReadTask(task, ref reason) : null;
        var hops = reason.Length == 0 ? ReadChain(chain, ref reason) : null;
        var limits = reason.Length == 0 ? ReadConstraints(constraints, ref reason) : null;
        var thumbprint = reason.Length == 0 ? ReadConfirmation(cnf, ref reason) : null;
        var audience = reason.Length == 0 ? ReadAudience(aud, ref reason) : null;
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
            NotBefore = nbf.ValueKind == JsonValueKind.Undefined ? issued : notBefore,
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

    private static List<string>? ReadActors(JsonElement act, ref string reason)
    {
        var actors = new List<string>(4);
        if (act.ValueKind == JsonValueKind.Undefined)
        {
            reason = "the act claim is missing";
            return null;
        }

        while (act.ValueKind != JsonValueKind.Undefined)
        {
            if (act.ValueKind != JsonValueKind.Object)
            {
                reason = "act must be an object";
                return null;
            }

            JsonElement sub = default, inner = default;
            var members = 0;
            foreach (var member in act.EnumerateObject())
            {
                members++;
                if (member.NameEquals("sub"u8)) { sub = member.Value; }
                else if (member.NameEquals("act"u8)) { inner = member.Value; }
                else
                {
                    reason = $"act has a member '{Capability.Shorten(member.Name)}' (only sub and act)";
                    return null;
                }
            }

            if (members != Present(sub, inner))
            {
                reason = "act repeats a member name";
                return null;
            }

            var id = String(sub, "act.sub", ref reason);
            if (id is null || !ParseCache.IsSpiffeId(id))
            {
                reason = "act.sub must be the actor's SPIFFE ID";
                return null;
            }

            actors.Add(id);
            if (actors.Count > MandateFormat.MaxDepthLimit + 1)
            {
                reason = "act is nested deeper than any chain may be";
                return null;
            }

            act = inner;
        }

        actors.Reverse();
        return actors;
    }

    private static List<DelegationHop>? ReadChain(JsonElement chain, ref string reason)
    {
        if (chain.ValueKind != JsonValueKind.Array || chain.GetArrayLength() is 0 or > MandateFormat.MaxDepthLimit + 1)
        {
            reason = $"delegation_chain must be an array of 1 to {MandateFormat.MaxDepthLimit + 1} hops";
            return null;
        }

        var hops = new List<DelegationHop>(chain.GetArrayLength());
        foreach (var hop in chain.EnumerateArray())
        {
            var read = hop.ValueKind == JsonValueKind.Object ? ReadHop(hop, ref reason) : null;
            if (read is null)
            {
                reason = "delegation_chain: " + (reason.Length > 0 ? reason : "a hop must be an object");
                return null;
            }

            hops.Add(read);
        }

        return hops;
    }

    private static DelegationHop? ReadHop(JsonElement hop, ref string reason)
    {
        JsonElement delegator = default, delegatee = default, scope = default, iat = default, exp = default, jti = default;
        var members = 0;
        foreach (var member in hop.EnumerateObject())
        {
            members++;
            if (member.NameEquals("delegator"u8)) { delegator = member.Value; }
            else if (member.NameEquals("delegatee"u8)) { delegatee = member.Value; }
            else if (member.NameEquals("scope"u8)) { scope = member.Value; }
            else if (member.NameEquals("iat"u8)) { iat = member.Value; }
            else if (member.NameEquals("exp"u8)) { exp = member.Value; }
            else if (member.NameEquals("jti"u8)) { jti = member.Value; }
            else
            {
                reason = $"a hop has a member '{Capability.Shorten(member.Name)}' (only delegator, delegatee, scope, iat, exp, jti)";
                return null;
            }
        }

        if (members != Present(delegator, delegatee, scope, iat, exp, jti))
        {
            reason = "a hop repeats a member name";
            return null;
        }

        var from = String(delegator, "delegator", ref reason);
        var to = String(delegatee, "delegatee", ref reason);
        var id = String(jti, "jti", ref reason);
        var granted = reason.Length == 0 ? ReadScope(scope, "scope", ref reason) : null;
        if (reason.Length > 0 || !Time(iat, "iat", true, out var issued, ref reason) || !Time(exp, "exp", true, out var expires, ref reason))
        {
            return null;
        }

        return new DelegationHop(from!, to!, granted!, issued, expires, id!);
    }

    /// <summary>How many of the slots a member was read into: fewer than the members seen means a name was repeated.</summary>
    private static int Present(params ReadOnlySpan<JsonElement> slots)
    {
        var count = 0;
        foreach (var slot in slots)
        {
            if (slot.ValueKind != JsonValueKind.Undefined)
            {
                count++;
            }
        }

        return count;
    }
}
