using System.Text;

namespace Mandate.Agents.Shell.Internal;

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

    /// <summary>xargs runs its command with more arguments read from stdin: the arguments end in "∗".</summary>
    private Flow Xargs(CommandBuilder c, string via, int depth)
    {
        var args = c.Args;
        var scanner = new ArgScanner(args, 0, "IEdnLPsa", "replace|eof|delimiter|max-args|max-lines|max-procs|max-chars|arg-file|process-slot-var", stopAtOperand: true);
        string? replace = null;
        var index = args.Count;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                index = token.Index;
                break;
            }

            switch (token.Name)
            {
                case "I" or "replace":
                    replace = token.Value ?? "{}";
                    break;
                case "i":
                    replace = "{}";
                    break;
                case "a" or "arg-file" when token.Value is not null:
                    AddRead(c, token.Value);
                    break;
            }
        }

        var inner = new List<string>();
        if (index >= args.Count)
        {
            inner.Add("echo");
        }

        for (var i = index; i < args.Count; i++)
        {
            inner.Add(replace is null ? args[i] : args[i].Replace(replace, ShellPath.DynamicText, StringComparison.Ordinal));
        }

        if (replace is null)
        {
            inner.Add(ShellPath.DynamicText);
        }

        var (_, output) = RunArgv(inner, Join(via, "xargs"), Flow.Unknown, depth + 1);
        return output;
    }

    /// <summary>find's start paths are read; -exec/-execdir/-ok run a command with "{}" dynamic.</summary>
    private void Find(CommandBuilder c, string via, int depth)
    {
        var args = c.Args;
        var i = 0;
        var roots = new List<string>();
        while (i < args.Count && args[i] is not ("(" or "!") && !(args[i].Length > 1 && args[i][0] == '-'))
        {
            roots.Add(args[i]);
            i++;
        }

        if (roots.Count == 0)
        {
            roots.Add(".");
        }

        foreach (var root in roots)
        {
            AddRead(c, root);
        }

        for (; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-exec" or "-execdir" or "-ok" or "-okdir":
                    var inner = new List<string>();
                    i++;
                    while (i < args.Count && args[i] is not (";" or "+"))
                    {
                        inner.Add(args[i].Replace("{}", ShellPath.DynamicText, StringComparison.Ordinal));
                        i++;
                    }

                    if (inner.Count > 0)
                    {
                        RunArgv(inner, Join(via, "find " + arg), Flow.None, depth + 1);
                    }

                    break;
                case "-delete":
                    foreach (var root in roots)
                    {
                        AddWrite(c, root);
                    }

                    break;
                case "-fprint" or "-fprint0" or "-fprintf" or "-fls" when i + 1 < args.Count:
                    AddWrite(c, args[++i]);
                    break;
                case "-files0-from" when i + 1 < args.Count:
                    AddRead(c, args[++i]);
                    break;
            }
        }
    }

    private Flow Watch(CommandBuilder c, string via, int depth)
    {
        var scanner = new ArgScanner(c.Args, 0, "nq", "interval|differences|equexit", stopAtOperand: true);
        var exec = false;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                if (exec)
                {
                    return Wrap(c.Args, token.Index, via, "watch", Flow.None, depth);
                }

                AnalyzeJoined(c, c.Args, token.Index, Join(via, "watch"), "dynamic shell command");
                return Flow.Unknown;
            }

            exec |= token.Name is "x" or "exec";
        }

        return Flow.Unknown;
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

    private Flow Flock(CommandBuilder c, string via, Flow stdin, int depth)
    {
        var scanner = new ArgScanner(c.Args, 0, "Ewc", "conflict-exit-code|timeout|wait|command");
        var haveLock = false;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                if (!haveLock)
                {
                    haveLock = true;
                    continue;
                }

                return Wrap(c.Args, token.Index, via, "flock", stdin, depth);
            }

            if (token.Name is "c" or "command" && token.Value is not null)
            {
                ShellString(c, token.Value, Join(via, "flock -c"));
            }
        }

        return Flow.Unknown;
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
