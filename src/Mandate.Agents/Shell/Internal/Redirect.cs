namespace Mandate.Agents.Shell.Internal;

/// <summary>A redirection: operator ("&lt;", "&gt;&gt;", "&amp;&gt;", "&lt;&lt;&lt;"…), optional descriptor, target word or here-document.</summary>
internal sealed class Redirect(string op, int fd, Word? target, HereDoc? hereDoc)
{
    public string Op { get; } = op;

    /// <summary>The descriptor written before the operator, or -1.</summary>
    public int Fd { get; } = fd;

    public Word? Target { get; } = target;

    public HereDoc? HereDoc { get; } = hereDoc;
}
