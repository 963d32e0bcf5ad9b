namespace Mandate.Agents.Shell.Internal;

/// <summary>Programs that run a command built from their arguments: xargs, find -exec, watch and flock.</summary>
internal sealed partial class Analyzer
{
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
}
