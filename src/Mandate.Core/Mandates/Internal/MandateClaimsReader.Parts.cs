using System.Text.Json;

namespace Mandate.Core.Mandates.Internal;

internal static partial class MandateClaimsReader
{
    private static MandateTask? ReadTask(JsonElement task, ref string reason)
    {
        JsonElement id = default, purpose = default;
        var ok = task.ValueKind == JsonValueKind.Object;
        if (ok)
        {
            var members = 0;
            foreach (var member in task.EnumerateObject())
            {
                members++;
                switch (member.Name)
                {
                    case "id": id = member.Value; break;
                    case "purpose": purpose = member.Value; break;
                    default: ok = false; break;
                }
            }

            ok &= members == Present(id, purpose);
        }

        var taskId = ok ? String(id, "task.id", ref reason) : null;
        var text = ok ? String(purpose, "task.purpose", ref reason) : null;
        if (taskId is null || text is null)
        {
            reason = "task must be an object with exactly id and purpose (non-empty strings)";
            return null;
        }

        return new MandateTask(taskId, text);
    }

    private static MandateConstraints? ReadConstraints(JsonElement constraints, ref string reason)
    {
        JsonElement depth = default, ask = default;
        var ok = constraints.ValueKind == JsonValueKind.Object;
        if (ok)
        {
            var members = 0;
            foreach (var member in constraints.EnumerateObject())
            {
                members++;
                switch (member.Name)
                {
                    case "max_depth": depth = member.Value; break;
                    case "ask": ask = member.Value; break;
                    default: ok = false; break;
                }
            }

            ok &= members == Present(depth, ask);
        }

        if (!ok || depth.ValueKind != JsonValueKind.Number || !depth.TryGetInt32(out var maxDepth) || maxDepth is < 0 or > MandateFormat.MaxDepthLimit)
        {
            reason = $"constraints must be an object with max_depth (0 to {MandateFormat.MaxDepthLimit}) and optionally ask";
            return null;
        }

        if (ask.ValueKind == JsonValueKind.Undefined)
        {
            return new MandateConstraints(maxDepth, Scope.Empty);
        }

        if (ask.ValueKind != JsonValueKind.Array || ask.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
        {
            reason = "constraints.ask must be an array of capabilities";
            return null;
        }

        var parsed = Scope.Parse(string.Join(' ', ask.EnumerateArray().Select(a => a.GetString())), allowEmpty: true);
        if (!parsed.IsSuccess)
        {
            reason = "constraints.ask: " + parsed.Error.Message;
            return null;
        }

        return new MandateConstraints(maxDepth, parsed.Value);
    }

    private static string? ReadConfirmation(JsonElement cnf, ref string reason)
    {
        if (cnf.ValueKind == JsonValueKind.Undefined)
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

    private static List<string>? ReadAudience(JsonElement aud, ref string reason)
    {
        var list = new List<string>();
        if (aud.ValueKind == JsonValueKind.Undefined)
        {
            return list;
        }

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

    private static Scope? ReadScope(JsonElement value, string name, ref string reason)
    {
        var text = String(value, name, ref reason);
        if (text is null)
        {
            return null;
        }

        var scope = ParseCache.ParseScope(text);
        if (!scope.IsSuccess)
        {
            reason = name + ": " + scope.Error.Message;
            return null;
        }

        return scope.Value;
    }

    private static string? String(JsonElement value, string name, ref string reason)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        if (reason.Length == 0)
        {
            reason = $"the {name} claim is missing or not a non-empty string";
        }

        return null;
    }

    private static bool Time(JsonElement value, string name, bool required, out DateTimeOffset time, ref string reason)
    {
        time = default;
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            if (required)
            {
                reason = $"the {name} claim is missing";
            }

            return !required;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds) || seconds < 0 || seconds > 253402300799)
        {
            reason = $"the {name} claim is not a whole number of seconds";
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
