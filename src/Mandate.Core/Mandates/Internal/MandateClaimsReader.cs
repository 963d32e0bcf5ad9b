using System.Text.Json;
using Mandate.Core.Identity;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// Reads a mandate's payload strictly: every claim has one type, unknown claims are refused, and
/// each scope is parsed once here so the chain checks work on parsed values.
/// </summary>
internal static class MandateClaimsReader
{
    private static readonly string[] KnownClaims =
        ["iss", "sub", "aud", "act", "scope", "task", "delegation_chain", "constraints", "cnf", "iat", "nbf", "exp", "jti"];

    private static readonly string[] HopMembers = ["delegator", "delegatee", "scope", "iat", "exp", "jti"];

    public static MandateClaims? Read(JsonElement payload, out string reason)
    {
        foreach (var member in payload.EnumerateObject())
        {
            if (Array.IndexOf(KnownClaims, member.Name) < 0)
            {
                reason = $"claim '{Capability.Shorten(member.Name)}' is not part of a mandate";
                return null;
            }
        }

        reason = "";
        var iss = String(payload, "iss", ref reason);
        var sub = String(payload, "sub", ref reason);
        var jti = String(payload, "jti", ref reason);
        if (reason.Length > 0)
        {
            return null;
        }

        if (!IsHuman(sub!))
        {
            reason = "sub must be user:<email>";
            return null;
        }

        if (jti!.Length > 128)
        {
            reason = "jti is longer than 128 characters";
            return null;
        }

        if (!Time(payload, "exp", required: true, out var exp, ref reason) ||
            !Time(payload, "iat", required: true, out var iat, ref reason) ||
            !Time(payload, "nbf", required: false, out var nbf, ref reason))
        {
            return null;
        }

        if (exp < iat)
        {
            reason = "exp is before iat";
            return null;
        }

        var actors = ReadActors(payload, ref reason);
        var scope = ReadScope(payload, "scope", ref reason);
        var task = reason.Length == 0 ? ReadTask(payload, ref reason) : null;
        var chain = reason.Length == 0 ? ReadChain(payload, ref reason) : null;
        var constraints = reason.Length == 0 ? ReadConstraints(payload, ref reason) : null;
        var thumbprint = reason.Length == 0 ? ReadConfirmation(payload, ref reason) : null;
        var audience = reason.Length == 0 ? ReadAudience(payload, ref reason) : null;
        if (reason.Length > 0)
        {
            return null;
        }

        return new MandateClaims
        {
            Issuer = iss!,
            Subject = sub!,
            Actors = actors!,
            Scope = scope!,
            Task = task!,
            Chain = chain!,
            Constraints = constraints!,
            Thumbprint = thumbprint,
            IssuedAt = iat,
            NotBefore = payload.TryGetProperty("nbf", out _) ? nbf : iat,
            ExpiresAt = exp,
            Jti = jti,
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

    private static List<string>? ReadActors(JsonElement payload, ref string reason)
    {
        var actors = new List<string>();
        if (!payload.TryGetProperty("act", out var act))
        {
            reason = "the act claim is missing";
            return null;
        }

        while (true)
        {
            if (act.ValueKind != JsonValueKind.Object)
            {
                reason = "act must be an object";
                return null;
            }

            foreach (var member in act.EnumerateObject())
            {
                if (member.Name is not ("sub" or "act"))
                {
                    reason = $"act has a member '{Capability.Shorten(member.Name)}' (only sub and act)";
                    return null;
                }
            }

            var sub = String(act, "sub", ref reason);
            if (sub is null || !SpiffeId.Parse(sub).IsSuccess)
            {
                reason = "act.sub must be the actor's SPIFFE ID";
                return null;
            }

            actors.Add(sub);
            if (actors.Count > MandateFormat.MaxDepthLimit + 1)
            {
                reason = "act is nested deeper than any chain may be";
                return null;
            }

            if (!act.TryGetProperty("act", out act))
            {
                break;
            }
        }

        actors.Reverse();
        return actors;
    }

    private static MandateTask? ReadTask(JsonElement payload, ref string reason)
    {
        if (!payload.TryGetProperty("task", out var task) || task.ValueKind != JsonValueKind.Object || task.EnumerateObject().Count() != 2)
        {
            reason = "task must be an object with exactly id and purpose";
            return null;
        }

        var id = String(task, "id", ref reason);
        var purpose = String(task, "purpose", ref reason);
        return reason.Length == 0 ? new MandateTask(id!, purpose!) : null;
    }

    private static List<DelegationHop>? ReadChain(JsonElement payload, ref string reason)
    {
        if (!payload.TryGetProperty("delegation_chain", out var chain) || chain.ValueKind != JsonValueKind.Array ||
            chain.GetArrayLength() is 0 or > MandateFormat.MaxDepthLimit + 1)
        {
            reason = $"delegation_chain must be an array of 1 to {MandateFormat.MaxDepthLimit + 1} hops";
            return null;
        }

        var hops = new List<DelegationHop>(chain.GetArrayLength());
        foreach (var hop in chain.EnumerateArray())
        {
            if (hop.ValueKind != JsonValueKind.Object || hop.EnumerateObject().Any(m => Array.IndexOf(HopMembers, m.Name) < 0))
            {
                reason = "a delegation_chain hop must be an object of delegator, delegatee, scope, iat, exp, jti";
                return null;
            }

            var delegator = String(hop, "delegator", ref reason);
            var delegatee = String(hop, "delegatee", ref reason);
            var jti = String(hop, "jti", ref reason);
            var scope = reason.Length == 0 ? ReadScope(hop, "scope", ref reason) : null;
            if (reason.Length > 0 || !Time(hop, "iat", true, out var iat, ref reason) || !Time(hop, "exp", true, out var exp, ref reason))
            {
                reason = "delegation_chain: " + reason;
                return null;
            }

            hops.Add(new DelegationHop(delegator!, delegatee!, scope!, iat, exp, jti!));
        }

        return hops;
    }

    private static MandateConstraints? ReadConstraints(JsonElement payload, ref string reason)
    {
        if (!payload.TryGetProperty("constraints", out var constraints) || constraints.ValueKind != JsonValueKind.Object ||
            constraints.EnumerateObject().Any(m => m.Name is not ("max_depth" or "ask")) ||
            !constraints.TryGetProperty("max_depth", out var depth) || depth.ValueKind != JsonValueKind.Number ||
            !depth.TryGetInt32(out var maxDepth) || maxDepth is < 0 or > MandateFormat.MaxDepthLimit)
        {
            reason = $"constraints must be an object with max_depth (0 to {MandateFormat.MaxDepthLimit}) and optionally ask";
            return null;
        }

        var ask = Scope.Empty;
        if (constraints.TryGetProperty("ask", out var askList))
        {
            if (askList.ValueKind != JsonValueKind.Array || askList.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
            {
                reason = "constraints.ask must be an array of capabilities";
                return null;
            }

            var parsed = Scope.Parse(string.Join(' ', askList.EnumerateArray().Select(a => a.GetString())), allowEmpty: true);
            if (!parsed.IsSuccess)
            {
                reason = "constraints.ask: " + parsed.Error.Message;
                return null;
            }

            ask = parsed.Value;
        }

        return new MandateConstraints(maxDepth, ask);
    }

    private static string? ReadConfirmation(JsonElement payload, ref string reason)
    {
        if (!payload.TryGetProperty("cnf", out var cnf))
        {
            return null;
        }

        if (cnf.ValueKind != JsonValueKind.Object || cnf.EnumerateObject().Count() != 1 ||
            !cnf.TryGetProperty(MandateFormat.ThumbprintMember, out var x5t) || x5t.ValueKind != JsonValueKind.String ||
            !PresenterBinding.IsThumbprint(x5t.GetString()))
        {
            reason = "cnf must be {\"x5t#S256\": <base64url SHA-256>}";
            return null;
        }

        return x5t.GetString();
    }

    private static List<string>? ReadAudience(JsonElement payload, ref string reason)
    {
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return [];
        }

        var list = new List<string>();
        if (aud.ValueKind == JsonValueKind.String && aud.GetString() is { Length: > 0 } single)
        {
            list.Add(single);
            return list;
        }

        if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } value)
                {
                    break;
                }

                list.Add(value);
            }

            if (list.Count > 0 && list.Count == aud.GetArrayLength())
            {
                return list;
            }
        }

        reason = "aud must be a non-empty string or array of strings";
        return null;
    }

    private static Scope? ReadScope(JsonElement element, string name, ref string reason)
    {
        if (reason.Length > 0)
        {
            return null;
        }

        var text = String(element, name, ref reason);
        if (text is null)
        {
            return null;
        }

        var scope = Scope.Parse(text);
        if (!scope.IsSuccess)
        {
            reason = name + ": " + scope.Error.Message;
            return null;
        }

        return scope.Value;
    }

    private static string? String(JsonElement element, string name, ref string reason)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        if (reason.Length == 0)
        {
            reason = $"the {name} claim is missing or not a non-empty string";
        }

        return null;
    }

    private static bool Time(JsonElement element, string name, bool required, out DateTimeOffset value, ref string reason)
    {
        value = default;
        if (!element.TryGetProperty(name, out var v))
        {
            if (required)
            {
                reason = $"the {name} claim is missing";
            }

            return !required;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var seconds) || seconds < 0 || seconds > 253402300799)
        {
            reason = $"the {name} claim is not a whole number of seconds";
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
