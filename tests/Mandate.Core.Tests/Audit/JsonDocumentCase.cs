using System.Text.Json.Nodes;

namespace Mandate.Core.Tests.Audit;

/// <summary>A generated JSON value (wrapped so FsCheck can print it).</summary>
public sealed record JsonDocumentCase(JsonNode? Node)
{
    public override string ToString() => Node?.ToJsonString() ?? "null";
}
