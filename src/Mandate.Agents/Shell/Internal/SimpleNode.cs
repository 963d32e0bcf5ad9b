namespace Mandate.Agents.Shell.Internal;

internal sealed class SimpleNode : CommandNode
{
    public List<Assignment> Assignments { get; } = [];

    public List<Word> Words { get; } = [];
}
