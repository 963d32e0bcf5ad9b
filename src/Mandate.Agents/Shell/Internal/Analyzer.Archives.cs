namespace Mandate.Agents.Shell.Internal;

/// <summary>Archives and compressors (tar, zip, unzip, gzip and kin): which files and trees are read and which written.</summary>
internal sealed partial class Analyzer
{
    private void Tar(CommandBuilder c)
    {
        var args = new List<string>(c.Args);
        if (args.Count > 0 && args[0].Length > 0 && args[0][0] != '-')
        {
            args[0] = "-" + args[0];
        }

        const string ShortValue = "fCTXIbKLNVgHF";
        const string LongValue = "file|directory|files-from|exclude-from|exclude|use-compress-program|to-command|newer|after-date|transform|xform|owner|group|mode|mtime|label|blocking-factor|record-size|index-file|info-script|new-volume-script|format|checkpoint-action|listed-incremental|suffix|strip-components";
        var scanner = new ArgScanner(args, 0, ShortValue, LongValue);
        var mode = 'c';
        var haveMode = false;
        string? archive = null;
        var directory = _scope.Cwd;
        var members = new List<string>();
        var toStdout = false;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                members.Add(token.Name);
                continue;
            }

            switch (token.Name)
            {
                case "c" or "create" or "r" or "append" or "u" or "update" or "A" or "concatenate" or "catenate":
                    mode = 'c';
                    haveMode = true;
                    break;
                case "x" or "extract" or "get":
                    mode = 'x';
                    haveMode = true;
                    break;
                case "t" or "list" or "d" or "diff" or "compare":
                    mode = 't';
                    haveMode = true;
                    break;
                case "delete":
                    mode = 'd';
                    haveMode = true;
                    break;
                case "f" or "file" when token.Value is not null:
                    archive = token.Value;
                    break;
                case "C" or "directory" when token.Value is not null:
                    directory = Resolve(token.Value);
                    break;
                case "T" or "files-from" or "X" or "exclude-from" when token.Value is not null:
                    AddRead(c, token.Value);
                    if (token.Name is "T" or "files-from")
                    {
                        c.AddRead(ShellPath.DynamicText);
                    }

                    break;
                case "O" or "to-stdout":
                    toStdout = true;
                    break;
                case "I" or "use-compress-program" or "to-command" or "info-script" or "new-volume-script" or "F" or "checkpoint-action":
                    c.MarkOpaque("tar runs a command");
                    break;
            }
        }

        if (!haveMode)
        {
            return;
        }

        var archivePath = archive is null or "-" ? null : Resolve(archive);
        if (mode is 'c' or 'd')
        {
            foreach (var member in members)
            {
                c.AddTreeRead(ShellPath.Resolve(member, directory, _home)); // a directory member is archived whole
            }

            if (archivePath is not null)
            {
                c.AddWrite(archivePath);
            }

            return;
        }

        if (archivePath is not null)
        {
            c.AddRead(archivePath);
        }

        if (mode == 'x' && !toStdout)
        {
            if (members.Count == 0)
            {
                c.AddWrite(directory);
            }

            foreach (var member in members)
            {
                c.AddWrite(ShellPath.Resolve(member, directory, _home));
            }
        }
    }

    private void Zip(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, "bnPtTxiO", "temp-path|suffixes|password|from-date|to-date|unzip-command|exclude|include|output-file");
        var archive = true;
        var recursive = c.Args.Any(a => a is "-r" or "--recurse-paths" || (a.Length > 1 && a[0] == '-' && a[1] != '-' && a.Contains('r', StringComparison.Ordinal)));
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                if (archive)
                {
                    AddWrite(c, token.Name);
                    archive = false;
                }
                else if (recursive && token.Name != "-")
                {
                    c.AddTreeRead(Resolve(token.Name));
                }
                else
                {
                    AddRead(c, token.Name);
                }
            }
            else if (token.Name == "@")
            {
                c.AddRead(ShellPath.DynamicText);
            }
            else if (token.Name is "TT" or "unzip-command")
            {
                c.MarkOpaque("zip runs a command");
            }
        }
    }

    private void Unzip(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, "dxP", "");
        var archive = true;
        var listOnly = false;
        string? directory = null;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                if (archive)
                {
                    AddRead(c, token.Name);
                    archive = false;
                }

                continue;
            }

            listOnly |= token.Name is "l" or "t" or "p" or "v" or "Z" or "c";
            if (token.Name == "d" && token.Value is not null)
            {
                directory = token.Value;
            }
        }

        if (!listOnly)
        {
            AddWrite(c, directory ?? ".");
        }
    }

    private Flow Compressor(CommandBuilder c, Flow stdin)
    {
        var args = c.Args;
        var toStdout = HasFlag(args, 'c', "stdout", "S", "suffix") || HasFlag(args, 'l', "list", "S", "suffix") || HasFlag(args, 't', "test", "S", "suffix");
        var decompress = c.Program.StartsWith("un", StringComparison.Ordinal) || c.Program == "gunzip" || c.Program == "bunzip2"
            || HasFlag(args, 'd', "decompress", "S", "suffix");
        var any = false;
        foreach (var operand in Operands(args, 0, "S", "suffix"))
        {
            AddRead(c, operand);
            any = true;
            if (!toStdout)
            {
                AddWrite(c, operand);
            }
        }

        if (decompress)
        {
            return new Flow(FlowKind.Decoded);
        }

        return any ? Flow.Unknown : stdin;
    }
}
