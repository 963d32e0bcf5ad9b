namespace Mandate.Agents.Shell.Internal;

/// <summary>Compound commands: subshells, groups, if, while/until, for/select, case, [[ … ]] and (( … )).</summary>
internal sealed partial class Parser
{
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
}
