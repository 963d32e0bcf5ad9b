namespace Mandate.Agents.Shell.Internal;

/// <summary>Text filters: awk and sed programs (scanned for commands, reads and writes), sort, uniq and jq.</summary>
internal sealed partial class Analyzer
{
    private void Awk(CommandBuilder c)
    {
        var args = c.Args;
        var scanner = new ArgScanner(args, 0, "Fvfe", "field-separator|assign|file|source|include|load", stopAtOperand: true);
        var haveProgram = false;
        while (scanner.Next(out var token))
        {
            if (!token.IsOperand)
            {
                if (token.Name is "f" or "file" or "include" && token.Value is not null)
                {
                    AddRead(c, token.Value);
                    c.MarkOpaque(ScriptReason);
                    haveProgram = true;
                }
                else if (token.Name is "e" or "source" && token.Value is not null)
                {
                    AwkProgram(c, token.Value);
                    haveProgram = true;
                }

                continue;
            }

            if (!haveProgram)
            {
                AwkProgram(c, token.Name);
                haveProgram = true;
                for (var i = token.Index + 1; i < args.Count; i++)
                {
                    var eq = args[i].IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0 && Parser.IsName(args[i].AsSpan(0, eq)))
                    {
                        continue;
                    }

                    AddRead(c, args[i]);
                }

                return;
            }
        }
    }

    private static void AwkProgram(CommandBuilder c, string program)
    {
        if (program.Contains("ENVIRON", StringComparison.Ordinal))
        {
            c.ReadsEnvironment = true;
        }

        if (ShellPath.IsDynamic(program))
        {
            c.MarkOpaque(InterpreterReason);
            return;
        }

        if (program.Contains("system", StringComparison.Ordinal) || program.Contains('|', StringComparison.Ordinal)
            || program.Contains("getline", StringComparison.Ordinal) || program.Contains("> \"", StringComparison.Ordinal)
            || program.Contains(">\"", StringComparison.Ordinal) || program.Contains(">> ", StringComparison.Ordinal)
            || program.Contains("/inet/", StringComparison.Ordinal))
        {
            c.MarkOpaque("awk program runs commands or redirects output");
        }
    }

    private void Sed(CommandBuilder c)
    {
        var args = c.Args;
        var scanner = new ArgScanner(args, 0, "efl", "expression|file|line-length");
        var scripts = new List<string>();
        var operands = new List<string>();
        var inPlace = false;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                operands.Add(token.Name);
                continue;
            }

            switch (token.Name)
            {
                case "e" or "expression" when token.Value is not null:
                    scripts.Add(token.Value);
                    break;
                case "f" or "file" when token.Value is not null:
                    AddRead(c, token.Value);
                    c.MarkOpaque(ScriptReason);
                    scripts.Add("");
                    break;
                case "i" or "in-place":
                    inPlace = true;
                    break;
            }
        }

        if (scripts.Count == 0 && operands.Count > 0)
        {
            scripts.Add(operands[0]);
            operands.RemoveAt(0);
        }

        var reads = new List<string>();
        var writes = new List<string>();
        foreach (var script in scripts)
        {
            if (ShellPath.IsDynamic(script))
            {
                c.MarkOpaque("sed script could not be analysed");
                continue;
            }

            var reason = SedScript.Scan(script, reads, writes);
            if (reason is not null)
            {
                c.MarkOpaque(reason);
            }
        }

        foreach (var path in reads)
        {
            AddRead(c, path);
        }

        foreach (var path in writes)
        {
            AddWrite(c, path);
        }

        foreach (var operand in operands)
        {
            AddRead(c, operand);
            if (inPlace)
            {
                AddWrite(c, operand);
            }
        }
    }

    private void Sort(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, "kotST", "key|field-separator|output|buffer-size|temporary-directory|parallel|files0-from|compress-program|random-source|batch-size");
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                AddRead(c, token.Name);
            }
            else if (token.Name is "o" or "output" && token.Value is not null)
            {
                AddWrite(c, token.Value);
            }
            else if (token.Name is "files0-from" && token.Value is not null)
            {
                AddRead(c, token.Value);
                c.AddRead(ShellPath.DynamicText);
            }
            else if (token.Name is "compress-program")
            {
                c.MarkOpaque("sort runs a command");
            }
        }
    }

    private void Uniq(CommandBuilder c)
    {
        var operands = Operands(c.Args, 0, "fsw", "skip-fields|skip-chars|check-chars");
        if (operands.Count > 0)
        {
            AddRead(c, operands[0]);
        }

        if (operands.Count > 1)
        {
            AddWrite(c, operands[1]);
        }
    }

    /// <summary>jq/yq: the first operand is the filter, the rest are files; --rawfile/--slurpfile read files.</summary>
    private void Jq(CommandBuilder c)
    {
        var args = c.Args;
        var haveFilter = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--arg" or "--argjson")
            {
                i += 2;
                continue;
            }

            if (arg is "--rawfile" or "--slurpfile")
            {
                if (i + 2 < args.Count)
                {
                    AddRead(c, args[i + 2]);
                }

                i += 2;
                continue;
            }

            if (arg is "--indent" or "-L" or "--tab-width")
            {
                i++;
                continue;
            }

            if (arg is "-f" or "--from-file")
            {
                if (i + 1 < args.Count)
                {
                    AddRead(c, args[i + 1]);
                }

                haveFilter = true;
                i++;
                continue;
            }

            if (arg.Length > 1 && arg[0] == '-')
            {
                continue;
            }

            if (!haveFilter)
            {
                haveFilter = true;
                if (arg.Contains("$ENV", StringComparison.Ordinal) || arg.Contains("env.", StringComparison.Ordinal) || arg.Contains("env|", StringComparison.Ordinal) || arg == "env")
                {
                    c.ReadsEnvironment = true;
                }

                continue;
            }

            AddRead(c, arg);
        }
    }
}
