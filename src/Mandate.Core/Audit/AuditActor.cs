using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

/// <summary>Who acted: a human (<c>user:…</c>, <c>os:…</c>) or an agent (its SPIFFE ID), with the agent's details.</summary>
public sealed record AuditActor(string Id, string? Session = null, string? AgentId = null, string? AgentType = null, string? Model = null)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["id"] = Id };
        AuditRecord.Add(o, "session", Session);
        AuditRecord.Add(o, "agent_id", AgentId);
        AuditRecord.Add(o, "agent_type", AgentType);
        AuditRecord.Add(o, "model", Model);
        return o;
    }
}
