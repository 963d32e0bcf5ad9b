namespace Mandate.Agents.Shell.Internal;

/// <summary>$-expansions and backquotes inside words: $NAME and special parameters, $(…) and `…` substitutions, and the $((…)) scanner that (( … )) commands share.</summary>
internal sealed partial class Parser
{
    /// <summary>Reads a $-expansion at the cursor: $'…', $"…", $((…)), $(…), ${…}, $NAME, $1, $@…</summary>
    private void ReadDollar(List<WordPart> parts, bool quoted)
    {
        var n = Peek(1);
        if (n == '\'' && !quoted)
        {
            _pos += 2;
            parts.Add(new WordPart(WordPartKind.Literal, ReadAnsiC(), true));
            return;
        }

        if (n == '"' && !quoted)
        {
            _pos += 2;
            ReadDoubleQuoted(parts);
            return;
        }

        if (n == '(')
        {
            if (Peek(2) == '(')
            {
                var start = _pos;
                _pos += 3;
                var scripts = new List<Script>();
                if (ScanArithmetic(scripts))
                {
                    parts.Add(new WordPart(WordPartKind.Arithmetic, "", quoted) { Scripts = scripts });
                    return;
                }

                _pos = start;
            }

            _pos += 2;
            parts.Add(new WordPart(WordPartKind.Substitution, "", quoted) { Scripts = [ParseSubstitutionBody()] });
            return;
        }

        if (n == '{')
        {
            _pos += 2;
            parts.Add(ReadBraceParameter(quoted));
            return;
        }

        if (char.IsAsciiLetter(n) || n == '_')
        {
            var start = _pos + 1;
            var end = start;
            while (end < _s.Length && (char.IsAsciiLetterOrDigit(_s[end]) || _s[end] == '_'))
            {
                end++;
            }

            parts.Add(new WordPart(WordPartKind.Parameter, _s[start..end], quoted));
            _pos = end;
            return;
        }

        if (char.IsAsciiDigit(n) || n is '@' or '*' or '#' or '?' or '$' or '!' or '-')
        {
            parts.Add(new WordPart(WordPartKind.Parameter, n.ToString(), quoted));
            _pos += 2;
            return;
        }

        // A lone '$' is literal.
        parts.Add(new WordPart(WordPartKind.Literal, "$", quoted));
        _pos++;
    }

    /// <summary>Parses the commands of $(…), &lt;(…) or &gt;(…); the cursor is past the opening parenthesis.</summary>
    private Script ParseSubstitutionBody()
    {
        var script = ParseList();
        SkipBlanksAndNewlines();
        if (Current != ')')
        {
            throw new ShellSyntaxException("unterminated command substitution");
        }

        _pos++;
        return script;
    }

    /// <summary>Reads `…` at the cursor and parses its text (after removing the backquote escapes).</summary>
    private WordPart ReadBacktick(bool inDoubleQuotes)
    {
        _pos++;
        var inner = new System.Text.StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw new ShellSyntaxException("unterminated backquote");
            }

            var c = _s[_pos];
            if (c == '`')
            {
                _pos++;
                break;
            }

            if (c == '\\' && _pos + 1 < _s.Length)
            {
                var n = _s[_pos + 1];
                if (n is '$' or '`' or '\\' || (inDoubleQuotes && n == '"'))
                {
                    inner.Append(n);
                    _pos += 2;
                    continue;
                }
            }

            inner.Append(c);
            _pos++;
        }

        var script = Parse(inner.ToString(), _budget, _depth + 1);
        return new WordPart(WordPartKind.Substitution, "", inDoubleQuotes) { Scripts = [script] };
    }

    /// <summary>
    /// Scans arithmetic text up to the closing "))" (the cursor is past the opening "(("), parsing the
    /// command substitutions inside it. Returns false, without consuming, when the text is not arithmetic.
    /// </summary>
    private bool ScanArithmetic(List<Script> scripts)
    {
        var start = _pos;
        var depth = 0;
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (c == '(')
            {
                depth++;
                _pos++;
            }
            else if (c == ')')
            {
                if (depth > 0)
                {
                    depth--;
                    _pos++;
                }
                else if (Peek(1) == ')')
                {
                    _pos += 2;
                    return true;
                }
                else
                {
                    _pos = start;
                    return false;
                }
            }
            else if (c == '$' && Peek(1) == '(' && Peek(2) != '(')
            {
                _pos += 2;
                scripts.Add(ParseSubstitutionBody());
            }
            else if (c == '`')
            {
                var part = ReadBacktick(inDoubleQuotes: false);
                scripts.AddRange(part.Scripts!);
            }
            else
            {
                _pos++;
            }
        }

        throw new ShellSyntaxException("unterminated arithmetic expression");
    }
}
