namespace Mandate.Agents.Shell.Internal;

/// <summary>Redirections and here-documents: the operator, its target or delimiter, and the bodies read when the line ends.</summary>
internal sealed partial class Parser
{
    private bool TryParseRedirect(List<Redirect> redirects)
    {
        var start = _pos;
        var fd = -1;
        while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]) && _pos - start < 4)
        {
            _pos++;
        }

        if (_pos > start)
        {
            fd = int.Parse(_s.AsSpan(start, _pos - start), System.Globalization.CultureInfo.InvariantCulture);
        }

        var c = Current;
        var n = Peek(1);
        string op;
        if (c == '&' && n == '>' && fd < 0)
        {
            op = Peek(2) == '>' ? "&>>" : "&>";
        }
        else if (c == '<')
        {
            if (n == '(' && fd < 0)
            {
                _pos = start;
                return false;
            }

            op = n switch
            {
                '<' => Peek(2) == '<' ? "<<<" : Peek(2) == '-' ? "<<-" : "<<",
                '&' => "<&",
                '>' => "<>",
                _ => "<",
            };
        }
        else if (c == '>')
        {
            if (n == '(' && fd < 0)
            {
                _pos = start;
                return false;
            }

            op = n switch
            {
                '>' => ">>",
                '&' => ">&",
                '|' => ">|",
                _ => ">",
            };
        }
        else
        {
            _pos = start;
            return false;
        }

        _pos += op.Length;
        SkipBlanks();
        if (op is "<<" or "<<-")
        {
            var delimiter = ReadWord() ?? throw Unexpected("a here-document delimiter");
            var hereDoc = MakeHereDoc(delimiter, op == "<<-");
            _pending.Add(hereDoc);
            redirects.Add(new Redirect(op, fd, null, hereDoc));
            return true;
        }

        var target = ReadWord() ?? throw Unexpected("a redirection target");
        redirects.Add(new Redirect(op, fd, target, null));
        return true;
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
