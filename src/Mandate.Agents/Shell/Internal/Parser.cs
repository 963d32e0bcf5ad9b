using System.Text;

namespace Mandate.Agents.Shell.Internal;

/// <summary>
/// A recursive-descent parser for POSIX sh and bash command lines. It works on the string directly,
/// reads here-document bodies when it reaches the end of their line, and counts nesting and words
/// against the shared <see cref="AnalysisBudget"/> so no input can overflow the stack.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _s;
    private readonly AnalysisBudget _budget;
    private readonly StringBuilder _sb = new();
    private readonly List<HereDoc> _pending = [];
    private int _pos;
    private int _depth;

    private Parser(string text, AnalysisBudget budget, int depth)
    {
        _s = text;
        _budget = budget;
        _depth = depth;
    }

    /// <summary>Parses <paramref name="text"/> as a whole script; throws <see cref="ShellSyntaxException"/>.</summary>
    public static Script Parse(string text, AnalysisBudget budget, int depth)
    {
        var parser = new Parser(text, budget, depth);
        var script = parser.ParseList();
        if (parser._pos < parser._s.Length)
        {
            throw new ShellSyntaxException($"unexpected '{parser.Current}'");
        }

        parser.ReadPendingHereDocs();
        return script;
    }

    private bool AtEnd => _pos >= _s.Length;

    private char Current => _pos < _s.Length ? _s[_pos] : '\0';

    private char Peek(int offset) => _pos + offset < _s.Length ? _s[_pos + offset] : '\0';

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\r';

    /// <summary>Characters that end an unquoted word.</summary>
    private static bool IsWordEnd(char c) => c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>' or '\0';

    private void Enter()
    {
        _depth++;
        AnalysisBudget.CheckDepth(_depth);
    }

    private void Leave() => _depth--;

    /// <summary>Skips blanks and backslash-newline continuations.</summary>
    private void SkipBlanks()
    {
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (IsBlank(c))
            {
                _pos++;
            }
            else if (c == '\\' && Peek(1) == '\n')
            {
                _pos += 2;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Skips blanks, comments and newlines (reading here-document bodies at each newline).</summary>
    private void SkipBlanksAndNewlines()
    {
        while (true)
        {
            SkipBlanks();
            if (Current == '#')
            {
                SkipComment();
            }
            else if (Current == '\n')
            {
                ConsumeNewline();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipComment()
    {
        while (_pos < _s.Length && _s[_pos] != '\n')
        {
            _pos++;
        }
    }

    private void ConsumeNewline()
    {
        _pos++;
        ReadPendingHereDocs();
    }

    private ShellSyntaxException Unexpected(string what) =>
        new(AtEnd ? $"unexpected end of input, expected {what}" : $"unexpected '{Current}', expected {what}");

    // ---- lists and pipelines -------------------------------------------------------------------

    private Script ParseList()
    {
        Enter();
        var script = new Script();
        var connector = "";
        while (true)
        {
            SkipSeparators();
            if (AtListEnd())
            {
                break;
            }

            script.Pipelines.Add(ParsePipeline(connector));
            SkipBlanks();
            if (Current == '#')
            {
                SkipComment();
            }

            var c = Current;
            var n = Peek(1);
            if (c == '&' && n == '&')
            {
                _pos += 2;
                connector = "&&";
                SkipBlanksAndNewlines();
                RequireCommandAfter("&&");
            }
            else if (c == '|' && n == '|')
            {
                _pos += 2;
                connector = "||";
                SkipBlanksAndNewlines();
                RequireCommandAfter("||");
            }
            else if (c == ';' && n != ';' && n != '&')
            {
                _pos++;
                connector = ";";
            }
            else if (c == '&' && n != '>')
            {
                _pos++;
                connector = "&";
            }
            else if (c == '\n')
            {
                ConsumeNewline();
                connector = ";";
            }
            else
            {
                break;
            }
        }

        Leave();
        return script;
    }

    private void RequireCommandAfter(string op)
    {
        if (AtEnd || AtListEnd())
        {
            throw new ShellSyntaxException($"expected a command after '{op}'");
        }
    }

    /// <summary>Skips what may stand between commands: blanks, newlines, comments and stray ';'.</summary>
    private void SkipSeparators()
    {
        while (true)
        {
            SkipBlanksAndNewlines();
            if (Current == ';' && Peek(1) != ';' && Peek(1) != '&')
            {
                _pos++;
                continue;
            }

            return;
        }
    }

    private bool AtListEnd()
    {
        if (AtEnd)
        {
            return true;
        }

        var c = Current;
        if (c == ')' || (c == ';' && (Peek(1) == ';' || Peek(1) == '&')))
        {
            return true;
        }

        var word = PeekReserved();
        return word is "then" or "else" or "elif" or "fi" or "do" or "done" or "esac" or "}";
    }

    private Pipeline ParsePipeline(string connector)
    {
        var pipeline = new Pipeline(connector);
        SkipBlanks();
        while (PeekReserved() == "!")
        {
            _pos++;
            SkipBlanks();
        }

        pipeline.Commands.Add(ParseCommand());
        while (true)
        {
            SkipBlanks();
            if (Current == '|' && Peek(1) != '|')
            {
                _pos += Peek(1) == '&' ? 2 : 1;
                SkipBlanksAndNewlines();
                if (AtEnd || AtListEnd())
                {
                    throw new ShellSyntaxException("expected a command after '|'");
                }

                pipeline.Commands.Add(ParseCommand());
            }
            else
            {
                return pipeline;
            }
        }
    }

    /// <summary>The reserved word at the cursor, when it stands alone as an unquoted word.</summary>
    private string? PeekReserved()
    {
        var start = _pos;
        var end = start;
        while (end < _s.Length)
        {
            var c = _s[end];
            if (IsWordEnd(c) || c is '\'' or '"' or '\\' or '$' or '`')
            {
                break;
            }

            end++;
            if (end - start > 8)
            {
                return null;
            }
        }

        if (end == start || (end < _s.Length && !IsWordEnd(_s[end])))
        {
            return null;
        }

        var span = _s.AsSpan(start, end - start);
        foreach (var word in ReservedWords)
        {
            if (span.SequenceEqual(word))
            {
                return word;
            }
        }

        return null;
    }

    private static readonly string[] ReservedWords =
        ["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "select", "in", "function", "{", "}", "!", "[["];

    private void ExpectReserved(string word)
    {
        SkipBlanksAndNewlines();
        if (PeekReserved() != word)
        {
            throw Unexpected("'" + word + "'");
        }

        _pos += word.Length;
    }
}
