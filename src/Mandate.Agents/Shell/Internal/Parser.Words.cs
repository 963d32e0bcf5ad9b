namespace Mandate.Agents.Shell.Internal;

/// <summary>Words and their quoting: backslashes, '…', "…" and $'…', read into literal and expansion parts.</summary>
internal sealed partial class Parser
{
    /// <summary>Reads one word at the cursor, or returns null when a word cannot start here.</summary>
    private Word? ReadWord()
    {
        var start = _pos;
        var parts = new List<WordPart>(2);
        _sb.Clear();
        var literalQuoted = false;
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if ((c == '<' || c == '>') && Peek(1) == '(' && _pos == start)
            {
                FlushLiteral(parts, ref literalQuoted);
                var via = c == '<' ? "<(…)" : ">(…)";
                _pos += 2;
                parts.Add(new WordPart(WordPartKind.Substitution, "", false) { Via = via, Scripts = [ParseSubstitutionBody()] });
                continue;
            }

            if (IsWordEnd(c))
            {
                break;
            }

            switch (c)
            {
                case '\\':
                    if (Peek(1) == '\n')
                    {
                        _pos += 2;
                    }
                    else if (_pos + 1 < _s.Length)
                    {
                        AppendLiteral(parts, _s[_pos + 1], quoted: true, ref literalQuoted);
                        _pos += 2;
                    }
                    else
                    {
                        AppendLiteral(parts, '\\', quoted: false, ref literalQuoted);
                        _pos++;
                    }

                    break;
                case '\'':
                    FlushLiteral(parts, ref literalQuoted);
                    var close = _s.IndexOf('\'', _pos + 1);
                    if (close < 0)
                    {
                        throw new ShellSyntaxException("unterminated single quote");
                    }

                    parts.Add(new WordPart(WordPartKind.Literal, _s[(_pos + 1)..close], true));
                    _pos = close + 1;
                    break;
                case '"':
                    FlushLiteral(parts, ref literalQuoted);
                    _pos++;
                    ReadDoubleQuoted(parts);
                    break;
                case '$':
                    FlushLiteral(parts, ref literalQuoted);
                    ReadDollar(parts, quoted: false);
                    break;
                case '`':
                    FlushLiteral(parts, ref literalQuoted);
                    parts.Add(ReadBacktick(inDoubleQuotes: false));
                    break;
                case '~' when _pos == start && (IsWordEnd(Peek(1)) || Peek(1) == '/'):
                    parts.Add(new WordPart(WordPartKind.Tilde, "~", false));
                    _pos++;
                    break;
                default:
                    AppendLiteral(parts, c, quoted: false, ref literalQuoted);
                    _pos++;
                    break;
            }
        }

        FlushLiteral(parts, ref literalQuoted);
        if (_pos == start)
        {
            return null;
        }

        _budget.CountWord();
        return new Word(parts, _s[start.._pos]);
    }

    /// <summary>Adds a character to the pending literal, starting a new part when its quoting differs.</summary>
    private void AppendLiteral(List<WordPart> parts, char c, bool quoted, ref bool literalQuoted)
    {
        if (_sb.Length > 0 && literalQuoted != quoted)
        {
            FlushLiteral(parts, ref literalQuoted);
        }

        literalQuoted = quoted;
        _sb.Append(c);
    }

    private void FlushLiteral(List<WordPart> parts, ref bool literalQuoted)
    {
        if (_sb.Length > 0)
        {
            parts.Add(new WordPart(WordPartKind.Literal, _sb.ToString(), literalQuoted));
            _sb.Clear();
        }

        literalQuoted = false;
    }

    /// <summary>Reads the inside of "…" (the cursor is past the opening quote) into quoted parts.</summary>
    private void ReadDoubleQuoted(List<WordPart> parts, bool hereDoc = false)
    {
        var any = false;
        var sbStart = _sb.Length;
        while (true)
        {
            if (_pos >= _s.Length)
            {
                if (hereDoc)
                {
                    break;
                }

                throw new ShellSyntaxException("unterminated double quote");
            }

            var c = _s[_pos];
            if (c == '"' && !hereDoc)
            {
                _pos++;
                break;
            }

            if (c == '\\')
            {
                var n = Peek(1);
                if (n == '\n')
                {
                    _pos += 2;
                }
                else if (n is '$' or '`' or '\\' || (n == '"' && !hereDoc))
                {
                    _sb.Append(n);
                    _pos += 2;
                }
                else
                {
                    _sb.Append('\\');
                    _pos++;
                }
            }
            else if (c == '$')
            {
                FlushQuoted(parts, ref any);
                ReadDollar(parts, quoted: true);
                any = true;
            }
            else if (c == '`')
            {
                FlushQuoted(parts, ref any);
                parts.Add(ReadBacktick(inDoubleQuotes: true));
                any = true;
            }
            else
            {
                _sb.Append(c);
                _pos++;
            }
        }

        if (_sb.Length > sbStart || !any)
        {
            parts.Add(new WordPart(WordPartKind.Literal, _sb.ToString(), true));
            _sb.Clear();
        }
    }

    private void FlushQuoted(List<WordPart> parts, ref bool any)
    {
        if (_sb.Length > 0)
        {
            parts.Add(new WordPart(WordPartKind.Literal, _sb.ToString(), true));
            _sb.Clear();
            any = true;
        }
    }

    /// <summary>Decodes $'…' (the cursor is past "$'") up to and past the closing quote.</summary>
    private string ReadAnsiC()
    {
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw new ShellSyntaxException("unterminated $'…' quote");
            }

            var c = _s[_pos];
            if (c == '\'')
            {
                _pos++;
                return sb.ToString();
            }

            if (c != '\\' || _pos + 1 >= _s.Length)
            {
                sb.Append(c);
                _pos++;
                continue;
            }

            _pos = AnsiC.DecodeEscape(_s, _pos, sb);
        }
    }
}
