using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

public sealed record AuditAction(string? Tool, string Operation, string? Summary)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject();
        AuditRecord.Add(o, "tool", Tool);
        o["operation"] = Operation;
        AuditRecord.Add(o, "summary", Summary);
        return o;
    }
}
