namespace Mandate.Agents.Shell.Internal;

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

    private HereDoc MakeHereDoc(Word delimiter, bool stripTabs)
    {
        var raw = delimiter.Raw;
        var quoted = raw.AsSpan().IndexOfAny('\'', '"', '\\') >= 0;
        var text = new System.Text.StringBuilder(raw.Length);
        foreach (var part in delimiter.Parts)
        {
            text.Append(part.Kind == WordPartKind.Literal ? part.Text : "$" + part.Text);
        }

        return new HereDoc(text.ToString(), quoted, stripTabs);
    }

    /// <summary>Reads the bodies of the here-documents opened on the line just ended.</summary>
    private void ReadPendingHereDocs()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        foreach (var doc in _pending)
        {
            var body = new System.Text.StringBuilder();
            while (_pos < _s.Length)
            {
                var lineEnd = _s.IndexOf('\n', _pos);
                if (lineEnd < 0)
                {
                    lineEnd = _s.Length;
                }

                var line = _s.AsSpan(_pos, lineEnd - _pos);
                if (doc.StripTabs)
                {
                    line = line.TrimStart('\t');
                }

                _pos = Math.Min(lineEnd + 1, _s.Length);
                if (line.SequenceEqual(doc.Delimiter))
                {
                    break;
                }

                body.Append(line).Append('\n');
            }

            doc.Body = body.ToString();
            if (!doc.Quoted && doc.Body.AsSpan().IndexOfAny('$', '`') >= 0)
            {
                doc.Expanded = ParseHereDocBody(doc.Body);
            }
        }

        _pending.Clear();
    }

    /// <summary>An unquoted here-document body expands like a double-quoted string.</summary>
    private Word ParseHereDocBody(string body)
    {
        var parser = new Parser(body, _budget, _depth + 1);
        var parts = new List<WordPart>();
        parser.ReadDoubleQuoted(parts, hereDoc: true);
        return new Word(parts, body);
    }
}
