namespace Mandate.Core.Mandates;

/// <summary>
/// The <c>constraints</c> claim (delegation_constraints): how many re-delegations may follow the
/// human's grant, and the capabilities for which a human must be asked even though the scope allows them.
/// Carried unchanged to every sub-agent.
/// </summary>
public sealed record MandateConstraints(int MaxDepth, Scope Ask);
