namespace Mandate.Core.Agents;

/// <summary>What a person gives to register an agent.</summary>
public sealed record AgentRegistration
{
    public required string Type { get; init; }

    public required string Project { get; init; }

    public required string Sponsor { get; init; }

    public string? Model { get; init; }

    public string? Provider { get; init; }

    public string? Description { get; init; }
}
