namespace Mandate.Agents.Shell.Internal;

internal sealed class FunctionNode(string name, CommandNode body) : CommandNode
{
    public string Name { get; } = name;

    public CommandNode Body { get; } = body;
}
