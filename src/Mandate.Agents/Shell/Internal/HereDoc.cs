namespace Mandate.Agents.Shell.Internal;

/// <summary>A here-document; its body is filled in when the parser reaches the end of the line.</summary>
internal sealed class HereDoc(string delimiter, bool quoted, bool stripTabs)
{
    public string Delimiter { get; } = delimiter;

    /// <summary>A quoted delimiter ('EOF') turns expansion in the body off.</summary>
    public bool Quoted { get; } = quoted;

    public bool StripTabs { get; } = stripTabs;

    public string Body { get; set; } = "";

    /// <summary>The body parsed as a double-quoted string, for unquoted delimiters (its substitutions run).</summary>
    public Word? Expanded { get; set; }
}
