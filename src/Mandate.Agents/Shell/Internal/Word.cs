namespace Mandate.Agents.Shell.Internal;

/// <summary>A shell word as parsed: its parts, and the source text it was read from.</summary>
internal sealed class Word(List<WordPart> parts, string raw)
{
    public List<WordPart> Parts { get; } = parts;

    public string Raw { get; } = raw;

    /// <summary>True when the word is one unquoted literal equal to <paramref name="text"/> (reserved words, "]]").</summary>
    public bool IsPlain(string text) =>
        Parts.Count == 1 && Parts[0].Kind == WordPartKind.Literal && !Parts[0].Quoted && Parts[0].Text == text;
}
