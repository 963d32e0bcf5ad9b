namespace Mandate.Cedar.Tests.Differential;

/// <summary>A link of a generated template: its new policy id and the entities filling its slots.</summary>
internal sealed record TemplateLink(string TemplateId, string NewId, (string Type, string Id)? Principal, (string Type, string Id)? Resource);
