using System.Text;

namespace Mandate.Agents.Shell.Internal;

/// <summary>Wrappers that run the rest of their arguments as a command: sudo, env, time, timeout, strace/ltrace, and nice, nohup and the other plain ones.</summary>
internal sealed partial class Analyzer
{
    /// <summary>A wrapper whose options end at the first operand, which starts the wrapped command.</summary>
    private Flow SimpleWrapper(CommandBuilder c, string via, Flow stdin, int depth, string shortWithValue, string longWithValue, string label)
    {
        var scanner = new ArgScanner(c.Args, 0, shortWithValue, longWithValue, stopAtOperand: true);
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                return Wrap(c.Args, token.Index, via, label, stdin, depth);
            }
        }

        return Flow.Unknown;
    }

    private Flow Sudo(CommandBuilder c, string via, Flow stdin, int depth)
    {
        var args = c.Args;
        var scanner = new ArgScanner(args, 0, "ugUCDprtTRh", "user|group|other-user|close-from|chdir|prompt|role|type|command-timeout|chroot|host", stopAtOperand: true);
        var shell = false;
        var edit = false;
        var outerCwd = _scope.Cwd;
        while (scanner.Next(out var token))
        {
            if (!token.IsOperand)
            {
                shell |= token.Name is "s" or "i" or "shell" or "login";
                edit |= token.Name is "e" or "edit";
                if (token.Name is "D" or "chdir" && token.Value is not null)
                {
                    _scope.Cwd = Resolve(token.Value);
                }

                if (token.Name is "R" or "chroot")
                {
                    c.MarkOpaque("command run by an unanalysed wrapper");
                }

                continue;
            }

            var index = token.Index;
            if (edit)
            {
                for (var i = index; i < args.Count; i++)
                {
                    AddRead(c, args[i]);
                    AddWrite(c, args[i]);
                }

                break;
            }

            index = SkipAssignments(c, args, index);
            var flow = Wrap(args, index, via, "sudo", stdin, depth);
            _scope.Cwd = outerCwd;
            return flow;
        }

        _scope.Cwd = outerCwd;
        if (shell)
        {
            c.MarkOpaque("interactive shell");
        }

        return Flow.Unknown;
    }

    /// <summary>Skips NAME=value operands (sudo, env); a dangerous name makes the command opaque.</summary>
    private static int SkipAssignments(CommandBuilder c, List<string> args, int index)
    {
        while (index < args.Count)
        {
            var eq = args[index].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !Parser.IsName(args[index].AsSpan(0, eq)))
            {
                break;
            }

            var name = args[index][..eq];
            if (IsDangerousVariable(name))
            {
                c.MarkOpaque(name + " set for the command");
            }

            index++;
        }

        return index;
    }

    private Flow Env(CommandBuilder c, string via, Flow stdin, int depth)
    {
        var args = c.Args;
        var scanner = new ArgScanner(args, 0, "uCSP", "unset|chdir|split-string|argv0|default-signal|ignore-signal|block-signal", stopAtOperand: true);
        var outerCwd = _scope.Cwd;
        string? split = null;
        var commandIndex = args.Count;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                if (token.Name == "-")
                {
                    continue;
                }

                commandIndex = token.Index;
                break;
            }

            if (token.Name is "C" or "chdir" && token.Value is not null)
            {
                _scope.Cwd = Resolve(token.Value);
            }
            else if (token.Name is "S" or "split-string")
            {
                split = token.Value;
                commandIndex = scanner.Position;
                break;
            }
            else if (token.Name is "P")
            {
                c.MarkOpaque("PATH set for the command");
            }
        }

        Flow flow;
        if (split is not null)
        {
            var text = new StringBuilder(split);
            for (var i = commandIndex; i < args.Count; i++)
            {
                text.Append(' ').Append(args[i]);
            }

            if (ShellPath.IsDynamic(split))
            {
                c.MarkOpaque("dynamic command name");
            }
            else
            {
                AnalyzeText(text.ToString(), Join(via, "env"), freshVariables: false);
            }

            flow = Flow.Unknown;
        }
        else
        {
            var index = SkipAssignments(c, args, commandIndex);
            if (index >= args.Count)
            {
                c.ReadsEnvironment = true;
                flow = Flow.Unknown;
            }
            else
            {
                flow = Wrap(args, index, via, "env", stdin, depth);
            }
        }

        _scope.Cwd = outerCwd;
        return flow;
    }

    private Flow TimeWrapper(CommandBuilder c, string via, Flow stdin, int depth)
    {
        var scanner = new ArgScanner(c.Args, 0, "of", "output|format", stopAtOperand: true);
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                return Wrap(c.Args, token.Index, via, "time", stdin, depth);
            }

            if (token.Name is "o" or "output" && token.Value is not null)
            {
                AddWrite(c, token.Value);
            }
        }

        return Flow.Unknown;
    }

    private Flow Timeout(CommandBuilder c, string via, Flow stdin, int depth)
    {
        var scanner = new ArgScanner(c.Args, 0, "sk", "signal|kill-after", stopAtOperand: true);
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                // The first operand is the duration.
                return Wrap(c.Args, token.Index + 1, via, "timeout", stdin, depth);
            }
        }

        return Flow.Unknown;
    }

    private Flow Trace(CommandBuilder c, string via, Flow stdin, int depth)
    {
        var scanner = new ArgScanner(c.Args, 0, "eoOpPsSuEaXIbUA", "output|trace|attach|signal|string-limit|user|env|columns|expr", stopAtOperand: true);
        var attach = false;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                return Wrap(c.Args, token.Index, via, c.Program, stdin, depth);
            }

            if (token.Name is "o" or "output" && token.Value is not null)
            {
                AddWrite(c, token.Value);
            }

            attach |= token.Name is "p" or "attach";
            if (token.Name is "E" or "env" && token.Value is not null && IsDangerousVariable(token.Value.Split('=')[0]))
            {
                c.MarkOpaque(token.Value.Split('=')[0] + " set for the command");
            }
        }

        if (attach)
        {
            c.MarkOpaque("attaches to a running process");
        }

        return Flow.Unknown;
    }
}
