using Mandate.Cedar;

namespace Mandate.Agents.Decisions;

/// <summary>Where a policy of the decision set came from, and the text it gives the agent.</summary>
/// <param name="Id">Its id in the merged set: the <c>@id</c> annotation, else <c>file#policyN</c>.</param>
/// <param name="File">The file it was read from (<c>builtin/secrets.cedar</c> for a built-in guardrail).</param>
/// <param name="Line">The line where it starts in that file.</param>
/// <param name="Effect">permit or forbid.</param>
/// <param name="Ask">The <c>@ask</c> text when a satisfied forbid should ask a human instead of denying.</param>
/// <param name="Reason">The <c>@reason</c> text shown to the agent.</param>
public sealed record PolicySource(string Id, string File, int Line, Effect Effect, string? Ask, string? Reason)
{
    public bool IsAsk => Effect == Effect.Forbid && Ask is not null;

    /// <summary>The agent-facing text: the ask or reason annotation, else a plain mention of the policy.</summary>
    public string Text => Ask ?? Reason ?? $"{(Effect == Effect.Forbid ? "forbidden" : "permitted")} by policy {Id}";

    public string Location => $"{File}:{Line}";
}
