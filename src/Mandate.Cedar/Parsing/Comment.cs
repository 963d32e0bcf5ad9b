namespace Mandate.Cedar.Parsing;

/// <summary>A <c>//</c> comment: its text from the two slashes to the end of its line, and where it starts (1-based).</summary>
internal readonly record struct Comment(string Text, int Line, int Column);
