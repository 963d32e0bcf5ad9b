using System.Text.Json;

namespace Mandate.Core.Mandates.Internal;

internal static partial class MandateClaimsReader
{
    private static MandateTask? ReadTask(ref RawClaims raw, ref string reason)
    {
        var ok = raw.Task.IsWellFormedObject;
        var taskId = ok ? String(raw.TaskId, "task.id", ref reason) : null;
        var text = ok ? String(raw.TaskPurpose, "task.purpose", ref reason) : null;
        if (taskId is null || text is null)
        {
            reason = "task must be an object with exactly id and purpose (non-empty strings)";
            return null;
        }

        return new MandateTask(taskId, text);
    }

    private static MandateConstraints? ReadConstraints(ref RawClaims raw, ref string reason)
    {
        var depth = raw.MaxDepth;
        if (!raw.Constraints.IsWellFormedObject || !depth.IsWhole || depth.Number is < 0 or > MandateFormat.MaxDepthLimit)
        {
            reason = $"constraints must be an object with max_depth (0 to {MandateFormat.MaxDepthLimit}) and optionally ask";
            return null;
        }

        var maxDepth = (int)depth.Number;
        if (raw.AskType == JsonTokenType.None)
        {
            return new MandateConstraints(maxDepth, Scope.Empty);
        }

        if (raw.AskType != JsonTokenType.StartArray || raw.AskHasNonString)
        {
            reason = "constraints.ask must be an array of capabilities";
            return null;
        }

        if (raw.Ask is null)
        {
            return new MandateConstraints(maxDepth, Scope.Empty);
        }

        var parsed = Scope.Parse(string.Join(' ', raw.Ask), allowEmpty: true);
        if (!parsed.IsSuccess)
        {
            reason = "constraints.ask: " + parsed.Error.Message;
            return null;
        }

        return new MandateConstraints(maxDepth, parsed.Value);
    }

    private static string? ReadConfirmation(ref RawClaims raw, ref string reason)
    {
        if (raw.ConfirmationType == JsonTokenType.None)
        {
            return null;
        }

        if (raw.ConfirmationType != JsonTokenType.StartObject || raw.ConfirmationMembers != 1 ||
            raw.Thumbprint.Type != JsonTokenType.String || !PresenterBinding.IsThumbprint(raw.Thumbprint.Text))
        {
            reason = "cnf must be {\"x5t#S256\": <base64url SHA-256>}";
            return null;
        }

        return raw.Thumbprint.Text;
    }

    private static IReadOnlyList<string>? ReadAudience(ref RawClaims raw, ref string reason)
    {
        var aud = raw.Audience;
        if (!aud.IsPresent)
        {
            return [];
        }

        if (aud.Text is { Length: > 0 } single)
        {
            return [single];
        }

        if (aud.Type == JsonTokenType.StartArray && raw.AudienceList is { } list && list.Count == raw.AudienceLength)
        {
            return list;
        }

        reason = "aud must be a non-empty string or array of strings";
        return null;
    }

    private static Scope? ReadScope(ClaimValue value, string name, ref ScopeMemo scopes, ref string reason)
    {
        var text = String(value, name, ref reason);
        if (text is null)
        {
            return null;
        }

        // The chain repeats scopes, and the scanner gave a repeated string the same instance.
        if (scopes.Find(text) is { } known)
        {
            return known;
        }

        var scope = ParseCache.ParseScope(text);
        if (!scope.IsSuccess)
        {
            reason = name + ": " + scope.Error.Message;
            return null;
        }

        scopes.Remember(text, scope.Value);
        return scope.Value;
    }

    private static string? String(ClaimValue value, string name, ref string reason)
    {
        if (value.Text is { Length: > 0 } text)
        {
            return text;
        }

        if (reason.Length == 0)
        {
            reason = $"the {name} claim is missing or not a non-empty string";
        }

        return null;
    }

    private static bool Time(ClaimValue value, string name, bool required, out DateTimeOffset time, ref string reason)
    {
        time = default;
        if (!value.IsPresent)
        {
            if (required)
            {
                reason = $"the {name} claim is missing";
            }

            return !required;
        }

        if (!value.IsWhole || value.Number is < 0 or > 253402300799)
        {
            reason = $"the {name} claim is not a whole number of seconds";
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(value.Number);
        return true;
    }

    /// <summary>The last few scopes read, by the identity of their text.</summary>
    private struct ScopeMemo
    {
        private string? _text0, _text1, _text2;
        private Scope? _scope0, _scope1, _scope2;
        private int _next;

        public readonly Scope? Find(string text) =>
            ReferenceEquals(text, _text0) ? _scope0 : ReferenceEquals(text, _text1) ? _scope1 : ReferenceEquals(text, _text2) ? _scope2 : null;

        public void Remember(string text, Scope scope)
        {
            switch (_next++ % 3)
            {
                case 0: (_text0, _scope0) = (text, scope); break;
                case 1: (_text1, _scope1) = (text, scope); break;
                default: (_text2, _scope2) = (text, scope); break;
            }
        }
    }
}
