using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

public sealed record AuditTask(string Id, string? Purpose)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["id"] = Id };
        AuditRecord.Add(o, "purpose", Purpose);
        return o;
    }
}
