namespace Mandate.Agents.Shell.Internal;

/// <summary>Simple commands: words, assignments (NAME=value, NAME=(…) arrays) and the redirections among them.</summary>
internal sealed partial class Parser
{
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
}
