namespace Mandate.Cedar.Parsing;

/// <summary>A token; for strings <see cref="Text"/> is the raw body between the quotes, escapes not yet applied.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column)
{
    public bool IsIdentifier(string text) => Kind == TokenKind.Identifier && string.Equals(Text, text, StringComparison.Ordinal);

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Identifier => "`" + Text + "`",
        TokenKind.Number => "number `" + Text + "`",
        TokenKind.String => "string literal",
        TokenKind.Invalid => "invalid character `" + Text + "`",
        _ => "`" + Text + "`",
    };
}
