using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

/// <summary>The lease a record concerns; never the secret itself.</summary>
public sealed record AuditCredential(string LeaseId, string Kind)
{
    public JsonObject ToJson() => new() { ["lease_id"] = LeaseId, ["kind"] = Kind };
}
