namespace Mandate.Agents.Shell.Internal;

/// <summary>Commands: which kind starts at the cursor, its trailing redirections, and function definitions.</summary>
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
}
