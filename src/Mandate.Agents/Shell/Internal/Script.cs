namespace Mandate.Agents.Shell.Internal;

/// <summary>A list of pipelines, in source order.</summary>
internal sealed class Script
{
    public List<Pipeline> Pipelines { get; } = [];
}
