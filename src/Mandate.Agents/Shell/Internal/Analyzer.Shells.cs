using System.Text;

namespace Mandate.Agents.Shell.Internal;

/// <summary>Shells and shell text: sh, bash and kin (-c, script files, stdin), eval, trap, su -c and script -c.</summary>
internal sealed partial class Analyzer
{
    private Flow Shell(CommandBuilder c, string via, Flow stdin)
    {
        var args = c.Args;
        var scanner = new ArgScanner(args, 0, "oO", "rcfile|init-file", stopAtOperand: true);
        var hasC = false;
        var fromStdin = false;
        string? commandString = null;
        string? scriptFile = null;
        while (scanner.Next(out var token))
        {
            if (!token.IsOperand)
            {
                hasC |= token.Name == "c" || token.Name == "command";
                fromStdin |= token.Name == "s";
                if (token.Name is "rcfile" or "init-file" && token.Value is not null)
                {
                    AddRead(c, token.Value);
                    c.MarkOpaque(ScriptReason);
                }

                continue;
            }

            if (token.Name == "-")
            {
                continue;
            }

            if (fromStdin && !hasC)
            {
                break;
            }

            if (hasC)
            {
                commandString = token.Name;
            }
            else
            {
                scriptFile = token.Name;
            }

            break;
        }

        var posix = c.Program is not ("fish" or "csh" or "tcsh");
        if (commandString is not null)
        {
            ShellString(c, commandString, Join(via, c.Program + " -c"));
        }
        else if (hasC)
        {
            c.MarkOpaque("shell -c without a command");
        }
        else if (scriptFile is not null)
        {
            AddRead(c, scriptFile);
            c.MarkOpaque(ScriptReason);
        }
        else
        {
            ShellStdin(c, via, stdin);
        }

        if (!posix)
        {
            c.MarkOpaque("non-POSIX shell code");
        }

        return Flow.Unknown;
    }

    /// <summary>A shell reading its commands from stdin: literal text is analysed, anything else is opaque.</summary>
    private void ShellStdin(CommandBuilder c, string via, Flow stdin)
    {
        switch (stdin.Kind)
        {
            case FlowKind.Literal:
                AnalyzeText(stdin.Text ?? "", Join(via, c.Program + " stdin"), freshVariables: true);
                break;
            case FlowKind.Decoded or FlowKind.Network:
                c.MarkOpaque(DecodedReason);
                break;
            case FlowKind.File:
                c.MarkOpaque(ScriptReason);
                break;
            case FlowKind.Unknown:
                c.MarkOpaque("piped data executed by a shell");
                break;
            default:
                c.MarkOpaque("shell reads commands from stdin");
                break;
        }
    }

    /// <summary>Joins args from <paramref name="index"/> and analyses them as shell text (watch, eval).</summary>
    private void AnalyzeJoined(CommandBuilder c, List<string> args, int index, string via, string dynamicReason)
    {
        var text = new StringBuilder();
        for (var i = index; i < args.Count; i++)
        {
            if (ShellPath.IsDynamic(args[i]))
            {
                c.MarkOpaque(dynamicReason);
                return;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(args[i]);
        }

        AnalyzeText(text.ToString(), via, freshVariables: false);
    }

    /// <summary>Analyses a command string a shell will run (-c), or marks it opaque when it is dynamic.</summary>
    private void ShellString(CommandBuilder c, string text, string via)
    {
        if (ShellPath.IsDynamic(text))
        {
            c.MarkOpaque("dynamic shell command");
            return;
        }

        AnalyzeText(text, via, freshVariables: true);
    }

    private Flow ScriptCommand(CommandBuilder c, string via)
    {
        var scanner = new ArgScanner(c.Args, 0, "cEOBIT", "command|echo|log-out|log-io|log-in|log-timing|logging-format|output-limit");
        var ran = false;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                AddWrite(c, token.Name);
            }
            else if (token.Name is "c" or "command" && token.Value is not null)
            {
                ShellString(c, token.Value, Join(via, "script -c"));
                ran = true;
            }
            else if (token.Name is "O" or "B" or "I" or "T" or "log-out" or "log-io" or "log-in" or "log-timing" && token.Value is not null)
            {
                AddWrite(c, token.Value);
            }
        }

        if (!ran)
        {
            c.MarkOpaque("interactive shell");
        }

        return Flow.Unknown;
    }

    private Flow Su(CommandBuilder c, string via)
    {
        var scanner = new ArgScanner(c.Args, 0, "csgGw", "command|session-command|shell|group|supp-group|whitelist-environment");
        var ran = false;
        while (scanner.Next(out var token))
        {
            if (token.Name is "c" or "command" or "session-command" && token.Value is not null && !token.IsOperand)
            {
                ShellString(c, token.Value, Join(via, c.Program + " -c"));
                ran = true;
            }
        }

        if (!ran)
        {
            c.MarkOpaque("interactive shell");
        }

        return Flow.Unknown;
    }

    private void Eval(CommandBuilder c, string via)
    {
        if (c.Args.Count == 0)
        {
            return;
        }

        AnalyzeJoined(c, c.Args, 0, Join(via, "eval"), "eval of dynamic text");
    }

    /// <summary>trap 'commands' SIGNAL… runs the commands later, in this shell.</summary>
    private void Trap(CommandBuilder c, string via)
    {
        var args = c.Args;
        var first = args.Count > 0 && args[0] == "--" ? 1 : 0;
        if (args.Count < first + 2 || args[first] is "-" or "" || args[first].StartsWith('-'))
        {
            return;
        }

        if (ShellPath.IsDynamic(args[first]))
        {
            c.MarkOpaque("trap of dynamic text");
            return;
        }

        AnalyzeText(args[first], Join(via, "trap"), freshVariables: false);
    }
}
