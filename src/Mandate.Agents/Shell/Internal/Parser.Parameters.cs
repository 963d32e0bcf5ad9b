namespace Mandate.Agents.Shell.Internal;

/// <summary>${…} parameter expansions: the name, and the operator word with the commands nested in it.</summary>
internal sealed partial class Parser
{
    /// <summary>Reads ${…}; the cursor is past "${".</summary>
    private WordPart ReadBraceParameter(bool quoted)
    {
        Enter();
        var complex = false;
        if ((Current == '#' || Current == '!') && Peek(1) != '}')
        {
            complex = true;
            _pos++;
        }

        var start = _pos;
        if (char.IsAsciiLetter(Current) || Current == '_')
        {
            while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == '_'))
            {
                _pos++;
            }
        }
        else if (char.IsAsciiDigit(Current))
        {
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]))
            {
                _pos++;
            }
        }
        else if (Current is '@' or '*' or '#' or '?' or '$' or '!' or '-')
        {
            _pos++;
        }
        else
        {
            throw new ShellSyntaxException("bad substitution");
        }

        var name = _s[start.._pos];
        if (Current == '}')
        {
            _pos++;
            Leave();
            return new WordPart(complex ? WordPartKind.ComplexParameter : WordPartKind.Parameter, name, quoted);
        }

        // An operator follows (":-", "//", "%", "[…]"…): read its word up to the matching brace,
        // keeping the commands nested in it.
        var inner = new List<WordPart>();
        var saved = _sb.ToString();
        _sb.Clear();
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw new ShellSyntaxException("unterminated ${…}");
            }

            var c = _s[_pos];
            if (c == '}')
            {
                _pos++;
                break;
            }

            switch (c)
            {
                case '\\':
                    _pos += 2;
                    break;
                case '\'':
                    var close = _s.IndexOf('\'', _pos + 1);
                    if (close < 0)
                    {
                        throw new ShellSyntaxException("unterminated single quote");
                    }

                    _pos = close + 1;
                    break;
                case '"':
                    _pos++;
                    ReadDoubleQuoted(inner);
                    break;
                case '$':
                    ReadDollar(inner, quoted: true);
                    break;
                case '`':
                    inner.Add(ReadBacktick(inDoubleQuotes: false));
                    break;
                default:
                    _pos++;
                    break;
            }
        }

        _sb.Clear();
        _sb.Append(saved);
        Leave();
        return new WordPart(WordPartKind.ComplexParameter, name, quoted) { Scripts = CollectScripts(inner) };
    }

    private static List<Script>? CollectScripts(List<WordPart> parts)
    {
        List<Script>? scripts = null;
        foreach (var part in parts)
        {
            if (part.Scripts is { Count: > 0 })
            {
                (scripts ??= []).AddRange(part.Scripts);
            }
        }

        return scripts;
    }
}
