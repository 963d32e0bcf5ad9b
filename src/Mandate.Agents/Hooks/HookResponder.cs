using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Mandate.Agents.Hooks;

/// <summary>
/// Writes a decision in the dialect the agent reads. Every path that is not a clear allow ends in a form the agent
/// honours as a block: <c>ask</c> becomes a deny where the agent has no ask (Gemini, Codex, Cursor's beforeReadFile),
/// and every failure is exit 2 with the reason on stderr, the one block all five agents honour.
/// </summary>
public static class HookResponder
{
    public const int MaxReasonLength = 1_000;
    public const string ApprovalPrefix = "Needs human approval: ";
    private const string DefaultReason = "denied by Mandate policy";

    /// <summary>The answer to a pre-tool event.</summary>
    public static HookReply Decide(HookEvent e, Verdict verdict, string reason)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind != HookEventKind.PreTool)
        {
            // Only pre-tool events carry a decision; blocking anything else is exit 2, allowing it is an acknowledgement.
            return verdict == Verdict.Allow ? Acknowledge(e) : Fail(e.Dialect, reason);
        }

        var text = Clean(reason);
        switch (e.Dialect)
        {
            case HookDialect.ClaudeCode:
                return Json(w => Claude(w, e.EventName, verdict, text));

            case HookDialect.Copilot when HookParser.IsPascalCase(e.EventName):
                return Json(w => Claude(w, e.EventName, verdict, text));

            case HookDialect.Copilot:
                return Json(w =>
                {
                    w.WriteString("permissionDecision", Verdicts.Name(verdict));
                    WriteReason(w, "permissionDecisionReason", verdict, text);
                });

            case HookDialect.Cursor:
                if (verdict == Verdict.Ask && e.EventName == "beforeReadFile")
                {
                    (verdict, text) = (Verdict.Deny, Approval(text));
                }

                return Json(w =>
                {
                    w.WriteString("permission", Verdicts.Name(verdict));
                    if (verdict != Verdict.Allow || text.Length > 0)
                    {
                        var message = MessageOrDefault(verdict, text);
                        w.WriteString("user_message", message);
                        w.WriteString("agent_message", message);
                    }
                });

            case HookDialect.Gemini:
                return Json(w =>
                {
                    if (verdict == Verdict.Allow)
                    {
                        w.WriteString("decision", "allow");
                        return;
                    }

                    w.WriteString("decision", "deny");
                    w.WriteString("reason", verdict == Verdict.Ask ? Approval(text) : MessageOrDefault(verdict, text));
                });

            case HookDialect.Codex:
                // A bare allow is refused by Codex, and a refused answer lets the call through: allow is silence.
                // Codex has no ask either (it is rejected, and the call proceeds), so ask is a deny that says why.
                return verdict switch
                {
                    Verdict.Allow => new HookReply(0, "", ""),
                    Verdict.Ask => Json(w => Claude(w, e.EventName, Verdict.Deny, Approval(text))),
                    _ => Json(w => Claude(w, e.EventName, Verdict.Deny, text)),
                };

            default:
                return Fail(e.Dialect, text);
        }
    }

    /// <summary>The answer to every event that is not a pre-tool decision. A pre-tool event is never just acknowledged.</summary>
    public static HookReply Acknowledge(HookEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind == HookEventKind.PreTool)
        {
            return Fail(e.Dialect, "no decision was made for this tool call");
        }

        // Cursor and Gemini read stdout as JSON; the others take silence as success.
        return e.Dialect is HookDialect.Cursor or HookDialect.Gemini ? new HookReply(0, "{}", "") : new HookReply(0, "", "");
    }

    /// <summary>Any failure before or during a decision: exit 2 with the reason on stderr blocks in every agent.</summary>
#pragma warning disable IDE0060 // The dialect is part of the contract: a future agent may need another form.
    public static HookReply Fail(HookDialect? dialect, string reason) => new(2, "", "mandate: denied: " + Clean(reason, DefaultReason));
#pragma warning restore IDE0060

    private static void Claude(Utf8JsonWriter w, string eventName, Verdict verdict, string text)
    {
        w.WriteStartObject("hookSpecificOutput");
        w.WriteString("hookEventName", eventName);
        w.WriteString("permissionDecision", Verdicts.Name(verdict));
        WriteReason(w, "permissionDecisionReason", verdict, text);
        w.WriteEndObject();
    }

    private static void WriteReason(Utf8JsonWriter w, string name, Verdict verdict, string text)
    {
        if (verdict != Verdict.Allow || text.Length > 0)
        {
            w.WriteString(name, MessageOrDefault(verdict, text));
        }
    }

    private static string MessageOrDefault(Verdict verdict, string text) =>
        text.Length > 0 ? text : verdict == Verdict.Ask ? "Mandate asks for approval" : DefaultReason;

    private static string Approval(string text) => Truncate(ApprovalPrefix + (text.Length > 0 ? text : "Mandate asks for approval"));

    private static HookReply Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return new HookReply(0, Encoding.UTF8.GetString(buffer.WrittenSpan), "");
    }

    /// <summary>One line (CR/LF and other control characters become spaces), trimmed, at most <see cref="MaxReasonLength"/>.</summary>
    internal static string Clean(string? reason, string empty = "")
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return empty;
        }

        var builder = new StringBuilder(Math.Min(reason.Length, MaxReasonLength + 1));
        foreach (var c in reason)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
            if (builder.Length > MaxReasonLength)
            {
                break;
            }
        }

        return Truncate(builder.ToString().Trim());
    }

    private static string Truncate(string text)
    {
        if (text.Length <= MaxReasonLength)
        {
            return text;
        }

        var cut = MaxReasonLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
