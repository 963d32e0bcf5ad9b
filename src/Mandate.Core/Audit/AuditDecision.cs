using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

/// <summary>The outcome of a policy decision: allow, deny or ask, the deciding policy ids, and the reason.</summary>
public sealed record AuditDecision(string Effect, IReadOnlyList<string> Policies, string? Reason)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["effect"] = Effect, ["policies"] = new JsonArray([.. Policies.Select(p => (JsonNode?)p)]) };
        AuditRecord.Add(o, "reason", Reason);
        return o;
    }
}
