namespace Mandate.Cedar.Parsing;

/// <summary>Splits policy text into tokens with 1-based line and column positions.</summary>
internal static class Lexer
{
    /// <summary>The tokens of <paramref name="text"/>; its <c>//</c> comments are added to <paramref name="comments"/> when one is given.</summary>
    public static List<Token> Tokenize(string text, List<Comment>? comments = null)
    {
        var tokens = new List<Token>(Math.Min((text.Length / 5) + 16, 8192)); // about a token per five characters: few regrowths
        var i = 0;
        var line = 1;
        var lineStart = 0;
        while (true)
        {
            // Whitespace and // comments.
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    i++;
                    line++;
                    lineStart = i;
                }
                else if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    var commentStart = i;
                    while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                    {
                        i++;
                    }

                    comments?.Add(new Comment(text[commentStart..i].TrimEnd(), line, commentStart - lineStart + 1));
                }
                else
                {
                    break;
                }
            }

            var column = i - lineStart + 1;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, line, column));
                return tokens;
            }

            var ch = text[i];
            var start = i;
            if (char.IsAsciiLetter(ch) || ch == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], line, column));
                continue;
            }

            if (char.IsAsciiDigit(ch))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], line, column));
                continue;
            }

            if (ch == '"')
            {
                i++;
                var startLine = line;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }

                    i++;
                }

                if (i >= text.Length)
                {
                    tokens.Add(new Token(TokenKind.Invalid, "\"", startLine, column));
                    tokens.Add(new Token(TokenKind.End, string.Empty, line, i - lineStart + 1));
                    return tokens;
                }

                tokens.Add(new Token(TokenKind.String, text[(start + 1)..i], startLine, column));
                i++;
                continue;
            }

            if (ch == '?' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Slot, text[start..i], line, column));
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
            var kind = two switch
            {
                "::" => TokenKind.ColonColon,
                "==" => TokenKind.EqualEqual,
                "!=" => TokenKind.NotEqual,
                "<=" => TokenKind.LessEqual,
                ">=" => TokenKind.GreaterEqual,
                "||" => TokenKind.OrOr,
                "&&" => TokenKind.AndAnd,
                _ => TokenKind.Invalid,
            };
            if (kind != TokenKind.Invalid)
            {
                tokens.Add(new Token(kind, two, line, column));
                i += 2;
                continue;
            }

            kind = ch switch
            {
                '@' => TokenKind.At,
                '.' => TokenKind.Dot,
                ',' => TokenKind.Comma,
                ';' => TokenKind.Semicolon,
                ':' => TokenKind.Colon,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                '{' => TokenKind.LeftBrace,
                '}' => TokenKind.RightBrace,
                '[' => TokenKind.LeftBracket,
                ']' => TokenKind.RightBracket,
                '<' => TokenKind.Less,
                '>' => TokenKind.Greater,
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '%' => TokenKind.Percent,
                '!' => TokenKind.Bang,
                '=' => TokenKind.Equal,
                _ => TokenKind.Invalid,
            };
            var length = char.IsHighSurrogate(ch) && i + 1 < text.Length ? 2 : 1;
            tokens.Add(new Token(kind, text.Substring(i, length), line, column));
            i += length;
        }
    }
}
