namespace Mandate.Agents.Shell.Internal;

/// <summary>Commands joined by | or |&amp;, with the list operator that came before it ("", ";", "&amp;", "&amp;&amp;", "||").</summary>
internal sealed class Pipeline(string connector)
{
    public string Connector { get; } = connector;

    public List<CommandNode> Commands { get; } = [];
}
