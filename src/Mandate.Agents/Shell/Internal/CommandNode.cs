namespace Mandate.Agents.Shell.Internal;

/// <summary>A command in a pipeline: simple, compound or a function definition.</summary>
internal abstract class CommandNode
{
    public List<Redirect> Redirects { get; } = [];
}
