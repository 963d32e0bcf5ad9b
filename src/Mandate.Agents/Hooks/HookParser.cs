using System.Text.Json;
using System.Text.Unicode;
using Mandate.Agents.Hooks.Internal;
using Mandate.Core.Errors;

namespace Mandate.Agents.Hooks;

/// <summary>
/// Reads any dialect's hook payload into one <see cref="HookEvent"/>. Never throws: every input it cannot read with
/// certainty is a failure, and the caller answers a failure with <see cref="HookResponder.Fail"/> — a deny.
/// </summary>
public static partial class HookParser
{
    public const int MaxInputBytes = 1 << 20;
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        // A repeated member could be read one way here and the other way by the agent (last wins in JavaScript).
        AllowDuplicateProperties = false,
    };

    public static Outcome<HookEvent> Parse(HookDialect dialect, ReadOnlySpan<byte> utf8Json, string fallbackCwd)
    {
        if (utf8Json.Length > MaxInputBytes)
        {
            return new MandateError(
                ErrorCodes.HookInputTooLarge,
                $"The {HookDialects.Name(dialect)} hook payload is {utf8Json.Length:N0} bytes; at most {MaxInputBytes:N0} are read.",
                "Nothing to fix in Mandate: the agent sent an oversized payload, and the call is denied.");
        }

        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        if (!Utf8.IsValid(utf8Json))
        {
            return Malformed(dialect, "is not valid UTF-8");
        }

        var syntax = CheckSyntax(utf8Json);
        if (syntax is not null)
        {
            return Malformed(dialect, syntax);
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray(), DocumentOptions);
            return Read(dialect, document.RootElement, fallbackCwd);
        }
        catch (JsonException e)
        {
            return Malformed(dialect, $"is not valid JSON: {OneLine(e.Message)}");
        }
        catch (InvalidOperationException e)
        {
            // JsonElement.GetString on a string with an unpaired escaped surrogate.
            return Malformed(dialect, $"cannot be read: {OneLine(e.Message)}");
        }
        catch (ArgumentException e)
        {
            // Path.GetFullPath on a path the platform refuses.
            return Invalid(dialect, [$"a path cannot be used: {OneLine(e.Message)}"]);
        }
    }

    /// <summary>One pass with the reader first, so a syntax error or excessive nesting gets a precise message.</summary>
    private static string? CheckSyntax(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 4 * MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
                {
                    return $"is nested deeper than {MaxDepth} levels (at byte {reader.TokenStartIndex + 1})";
                }
            }

            return null;
        }
        catch (JsonException e)
        {
            return utf8Json.Trim(" \t\r\n"u8).IsEmpty
                ? "is empty"
                : $"is not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} (truncated, or a syntax error)";
        }
    }

    private static Outcome<HookEvent> Read(HookDialect dialect, JsonElement root, string fallbackCwd)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new MandateError(
                ErrorCodes.HookInputNotObject,
                $"The {HookDialects.Name(dialect)} hook payload is {PayloadReader.Describe(root)}, not a JSON object.",
                FixRegistration(dialect));
        }

        var reader = new PayloadReader();
        var eventName = EventName(dialect, root, reader);
        if (reader.Problems.Count > 0)
        {
            return Invalid(dialect, reader.Problems);
        }

        if (eventName is null)
        {
            return new MandateError(
                ErrorCodes.HookEventMissing,
                $"The {HookDialects.Name(dialect)} hook payload has no event name (hook_event_name).",
                FixRegistration(dialect));
        }

        if (!TryKind(dialect, eventName, out var kind))
        {
            return new MandateError(
                ErrorCodes.HookEventUnknown,
                $"'{Shorten(eventName)}' is not a {HookDialects.Name(dialect)} hook event.",
                FixRegistration(dialect));
        }

        var cwd = Cwd(root, reader, fallbackCwd);
        var sessionId = reader.FirstString(root, "", "session_id", "conversation_id", "sessionId") ?? "";
        var toolUseId = reader.FirstString(root, "", "tool_use_id", "toolUseId", "generation_id");
        var agentId = reader.String(root, "agent_id");
        var agentType = reader.String(root, "agent_type");
        string? source = null;
        if (kind is HookEventKind.SessionStart or HookEventKind.SessionEnd)
        {
            source = kind == HookEventKind.SessionStart ? reader.String(root, "source") : reader.String(root, "reason");
        }

        ToolCall? tool = null;
        string? error = null;
        if (kind is HookEventKind.PreTool or HookEventKind.PostTool or HookEventKind.PostToolFailure)
        {
            tool = Tool(dialect, eventName, root, cwd, reader);
            if (tool is null && reader.Problems.Count == 0)
            {
                return new MandateError(
                    ErrorCodes.HookToolMissing,
                    $"The {HookDialects.Name(dialect)} {eventName} payload names no tool (tool_name).",
                    FixRegistration(dialect));
            }

            if (kind == HookEventKind.PostToolFailure)
            {
                error = ErrorText(root);
            }
        }

        if (reader.Problems.Count > 0)
        {
            return Invalid(dialect, reader.Problems);
        }

        return new HookEvent
        {
            Dialect = dialect,
            Kind = kind,
            EventName = eventName,
            SessionId = sessionId,
            ToolUseId = toolUseId,
            AgentId = agentId,
            AgentType = agentType,
            Cwd = cwd,
            Tool = tool,
            Error = error,
            Source = source,
            Model = PayloadReader.Lenient(root, "model"),
        };
    }

    private static string Cwd(JsonElement root, PayloadReader reader, string fallbackCwd)
    {
        var fallback = Path.GetFullPath(string.IsNullOrEmpty(fallbackCwd) ? "." : fallbackCwd);
        var cwd = reader.String(root, "cwd");
        if (string.IsNullOrEmpty(cwd))
        {
            var roots = reader.Strings(root, "workspace_roots");
            cwd = roots.Count > 0 ? roots[0] : null;
        }

        return string.IsNullOrEmpty(cwd) ? fallback : Absolute(cwd, fallback, reader);
    }

    /// <summary>A path made absolute against <paramref name="cwd"/> and normalised (<c>..</c> resolved).</summary>
    private static string Absolute(string path, string cwd, PayloadReader reader)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            reader.Problem("a path contains a NUL character");
            return cwd;
        }

        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            // Left as written: '~' is the agent's home, which this process cannot know for sure; a policy sees it literally.
            return path;
        }

        return Path.GetFullPath(Path.Combine(cwd, path));
    }

    private static string? ErrorText(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["error", "error_message", "errorMessage"])
        {
            if (PayloadReader.TryGet(root, name, out var value))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Object => PayloadReader.Lenient(value, "message") ?? value.GetRawText(),
                    _ => value.GetRawText(),
                };
            }
        }

        return null;
    }

    private static MandateError Malformed(HookDialect dialect, string what) => new(
        ErrorCodes.HookInputMalformed,
        $"The {HookDialects.Name(dialect)} hook payload {what}.",
        FixRegistration(dialect));

    private static MandateError Invalid(HookDialect dialect, IReadOnlyList<string> problems) => new(
        ErrorCodes.HookFieldInvalid,
        $"The {HookDialects.Name(dialect)} hook payload is invalid: {string.Join("; ", problems)}.",
        FixRegistration(dialect));

    private static string FixRegistration(HookDialect dialect) =>
        $"The call is denied. Check that this hook is registered for {HookDialects.Name(dialect)} (`mandate hook {HookDialects.Name(dialect)}`), e.g. with `mandate install`.";

    private static string Shorten(string text) => OneLine(text.Length > 80 ? text[..80] + "…" : text);

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');
}
