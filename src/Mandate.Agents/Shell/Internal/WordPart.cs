namespace Mandate.Agents.Shell.Internal;

/// <summary>
/// One piece of a word. <see cref="Text"/> is the literal text or the parameter name;
/// <see cref="Scripts"/> holds the commands nested in a substitution, arithmetic or complex parameter.
/// </summary>
internal sealed class WordPart(WordPartKind kind, string text, bool quoted)
{
    public WordPartKind Kind { get; } = kind;

    public string Text { get; } = text;

    public bool Quoted { get; } = quoted;

    /// <summary>"$(…)", "&lt;(…)" or "&gt;(…)" for substitutions.</summary>
    public string Via { get; init; } = "$(…)";

    public List<Script>? Scripts { get; init; }
}
