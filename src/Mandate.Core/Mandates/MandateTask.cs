namespace Mandate.Core.Mandates;

/// <summary>The task a mandate is for (<c>task</c> claim): an id and the human-readable purpose (delegation_purpose).</summary>
public sealed record MandateTask(string Id, string Purpose);
