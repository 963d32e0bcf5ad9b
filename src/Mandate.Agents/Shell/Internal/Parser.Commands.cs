namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Parser
{
    private CommandNode ParseCommand()
    {
        SkipBlanks();
        CommandNode node;
        if (Current == '(')
        {
            node = Peek(1) == '(' ? ParseArithmeticCommand() : ParseSubshell();
        }
        else
        {
            var reserved = PeekReserved();
            switch (reserved)
            {
                case "{":
                    _pos++;
                    node = ParseBody(CompoundKind.Group, "}");
                    break;
                case "if":
                    node = ParseIf();
                    break;
                case "while":
                case "until":
                    node = ParseLoop(reserved.Length);
                    break;
                case "for":
                case "select":
                    node = ParseFor(reserved.Length);
                    break;
                case "case":
                    node = ParseCase();
                    break;
                case "function":
                    return ParseFunctionKeyword();
                case "[[":
                    node = ParseConditional();
                    break;
                case null:
                    return ParseSimple();
                default:
                    throw new ShellSyntaxException($"unexpected '{reserved}'");
            }
        }

        ParseTrailingRedirects(node);
        return node;
    }

    private void ParseTrailingRedirects(CommandNode node)
    {
        while (true)
        {
            SkipBlanks();
            if (!TryParseRedirect(node.Redirects))
            {
                return;
            }
        }
    }

    private CompoundNode ParseSubshell()
    {
        _pos++;
        var node = new CompoundNode(CompoundKind.Subshell);
        node.Bodies.Add(ParseList());
        SkipBlanksAndNewlines();
        if (Current != ')')
        {
            throw Unexpected("')'");
        }

        _pos++;
        return node;
    }

    private CompoundNode ParseBody(CompoundKind kind, string end)
    {
        var node = new CompoundNode(kind);
        node.Bodies.Add(ParseList());
        ExpectReserved(end);
        return node;
    }

    private CompoundNode ParseIf()
    {
        _pos += 2;
        var node = new CompoundNode(CompoundKind.If);
        while (true)
        {
            node.Bodies.Add(ParseList());
            ExpectReserved("then");
            node.Bodies.Add(ParseList());
            SkipBlanksAndNewlines();
            var next = PeekReserved();
            if (next == "elif")
            {
                _pos += 4;
                continue;
            }

            if (next == "else")
            {
                _pos += 4;
                node.Bodies.Add(ParseList());
            }

            ExpectReserved("fi");
            return node;
        }
    }

    private CompoundNode ParseLoop(int keywordLength)
    {
        _pos += keywordLength;
        var node = new CompoundNode(CompoundKind.Loop);
        node.Bodies.Add(ParseList());
        ExpectReserved("do");
        node.Bodies.Add(ParseList());
        ExpectReserved("done");
        return node;
    }

    private CompoundNode ParseFor(int keywordLength)
    {
        _pos += keywordLength;
        var node = new CompoundNode(CompoundKind.For);
        SkipBlanks();
        if (Current == '(' && Peek(1) == '(')
        {
            _pos += 2;
            if (!ScanArithmetic(node.Scripts))
            {
                throw new ShellSyntaxException("malformed for (( … )) loop");
            }
        }
        else
        {
            var name = ReadWord() ?? throw Unexpected("a loop variable");
            node.Variable = name.Raw;
            SkipBlanksAndNewlines();
            if (PeekReserved() == "in")
            {
                _pos += 2;
                while (true)
                {
                    SkipBlanks();
                    if (Current == '#')
                    {
                        SkipComment();
                    }

                    if (Current is ';' or '\n' || AtEnd)
                    {
                        break;
                    }

                    node.Words.Add(ReadWord() ?? throw Unexpected("a word"));
                }
            }
        }

        SkipBlanks();
        if (Current == ';')
        {
            _pos++;
        }

        ExpectReserved("do");
        node.Bodies.Add(ParseList());
        ExpectReserved("done");
        return node;
    }

    private CompoundNode ParseCase()
    {
        _pos += 4;
        var node = new CompoundNode(CompoundKind.Case);
        SkipBlanks();
        node.Words.Add(ReadWord() ?? throw Unexpected("a word after 'case'"));
        ExpectReserved("in");
        while (true)
        {
            SkipBlanksAndNewlines();
            if (PeekReserved() == "esac")
            {
                _pos += 4;
                return node;
            }

            if (Current == '(')
            {
                _pos++;
            }

            while (true)
            {
                SkipBlanks();
                node.Words.Add(ReadWord() ?? throw Unexpected("a case pattern"));
                SkipBlanks();
                if (Current == '|')
                {
                    _pos++;
                    continue;
                }

                if (Current == ')')
                {
                    _pos++;
                    break;
                }

                throw Unexpected("')' after a case pattern");
            }

            node.Bodies.Add(ParseList());
            SkipBlanksAndNewlines();
            if (Current == ';' && Peek(1) == ';')
            {
                _pos += Peek(2) == '&' ? 3 : 2;
            }
            else if (Current == ';' && Peek(1) == '&')
            {
                _pos += 2;
            }
            else if (PeekReserved() != "esac")
            {
                throw Unexpected("';;' or 'esac'");
            }
        }
    }

    private CompoundNode ParseConditional()
    {
        _pos += 2;
        var node = new CompoundNode(CompoundKind.Conditional);
        while (true)
        {
            SkipBlanksAndNewlines();
            if (AtEnd)
            {
                throw Unexpected("']]'");
            }

            if (Current == ']' && Peek(1) == ']' && IsWordEnd(Peek(2)))
            {
                _pos += 2;
                return node;
            }

            if (Current is '&' or '|' or '<' or '>' or '(' or ')' or ';')
            {
                _pos++;
                continue;
            }

            node.Words.Add(ReadWord() ?? throw Unexpected("']]'"));
        }
    }

    private CompoundNode ParseArithmeticCommand()
    {
        var start = _pos;
        _pos += 2;
        var node = new CompoundNode(CompoundKind.Arithmetic);
        if (ScanArithmetic(node.Scripts))
        {
            return node;
        }

        // Not arithmetic after all: "((a); (b))" is a subshell holding subshells.
        _pos = start;
        return ParseSubshell();
    }

    private FunctionNode ParseFunctionKeyword()
    {
        _pos += "function".Length;
        SkipBlanks();
        var name = ReadWord() ?? throw Unexpected("a function name");
        SkipBlanks();
        if (Current == '(' && Peek(1) == ')')
        {
            _pos += 2;
        }

        return ParseFunctionBody(name.Raw);
    }

    private FunctionNode ParseFunctionBody(string name)
    {
        SkipBlanksAndNewlines();
        if (AtEnd)
        {
            throw Unexpected("a function body");
        }

        var body = ParseCommand();
        return new FunctionNode(name, body);
    }

    private CommandNode ParseSimple()
    {
        var node = new SimpleNode();
        while (true)
        {
            SkipBlanks();
            if (AtEnd)
            {
                break;
            }

            var c = Current;
            if (c == '#')
            {
                SkipComment();
                break;
            }

            if (TryParseRedirect(node.Redirects))
            {
                continue;
            }

            if (c == '(' && node.Words.Count == 1 && node.Assignments.Count == 0 && node.Redirects.Count == 0)
            {
                var save = _pos;
                _pos++;
                SkipBlanks();
                if (Current == ')')
                {
                    _pos++;
                    return ParseFunctionBody(node.Words[0].Raw);
                }

                _pos = save;
            }

            if (IsWordEnd(c) && !((c == '<' || c == '>') && Peek(1) == '('))
            {
                break;
            }

            var word = ReadWord();
            if (word is null)
            {
                break;
            }

            if (node.Words.Count == 0 && TrySplitAssignment(word, out var name, out var value))
            {
                List<Word>? array = null;
                if (value.Parts.Count == 0 && Current == '(')
                {
                    array = ReadArrayLiteral();
                }

                node.Assignments.Add(new Assignment(name, value, array));
            }
            else
            {
                node.Words.Add(word);
            }
        }

        if (node.Words.Count == 0 && node.Assignments.Count == 0 && node.Redirects.Count == 0)
        {
            throw Unexpected("a command");
        }

        return node;
    }

    private List<Word> ReadArrayLiteral()
    {
        _pos++;
        var words = new List<Word>();
        while (true)
        {
            SkipBlanksAndNewlines();
            if (AtEnd)
            {
                throw Unexpected("')'");
            }

            if (Current == ')')
            {
                _pos++;
                return words;
            }

            words.Add(ReadWord() ?? throw Unexpected("')'"));
        }
    }

    /// <summary>NAME=… or NAME+=… where NAME is written as a plain unquoted literal.</summary>
    private static bool TrySplitAssignment(Word word, out string name, out Word value)
    {
        name = "";
        value = word;
        if (word.Parts.Count == 0 || word.Parts[0].Kind != WordPartKind.Literal || word.Parts[0].Quoted)
        {
            return false;
        }

        var text = word.Parts[0].Text;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return false;
        }

        var nameEnd = text[eq - 1] == '+' ? eq - 1 : eq;
        if (nameEnd == 0 || !IsName(text.AsSpan(0, nameEnd)))
        {
            return false;
        }

        name = text[..nameEnd];
        var parts = new List<WordPart>(word.Parts.Count);
        if (eq + 1 < text.Length)
        {
            parts.Add(new WordPart(WordPartKind.Literal, text[(eq + 1)..], false));
        }

        for (var i = 1; i < word.Parts.Count; i++)
        {
            parts.Add(word.Parts[i]);
        }

        value = new Word(parts, word.Raw[(word.Raw.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        return true;
    }

    internal static bool IsName(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !(char.IsAsciiLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

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
}
