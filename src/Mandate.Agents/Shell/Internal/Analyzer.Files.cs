namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    /// <summary>A program that reads its operands; with none it passes stdin through.</summary>
    private Flow Reader(CommandBuilder c, Flow stdin, string shortWithValue, string longWithValue)
    {
        var operands = Operands(c.Args, 0, shortWithValue, longWithValue);
        var any = false;
        foreach (var operand in operands)
        {
            if (operand != "-")
            {
                AddRead(c, operand);
                any = true;
            }
        }

        if (c.Program == "file" && TryOption(c.Args, "f", "files-from", out var names))
        {
            AddRead(c, names);
        }

        if (c.Program == "age" && TryOption(c.Args, "i", "identity", out var identity))
        {
            AddRead(c, identity);
        }

        if (c.Program is "gpg" or "gpg2" && TryOption(c.Args, "\u0000", "passphrase-file", out var passphrase))
        {
            AddRead(c, passphrase);
        }

        if (TryOption(c.Args, c.Program is "gpg" or "gpg2" or "age" or "iconv" or "shuf" ? "o" : "\u0000", "output", out var output))
        {
            AddWrite(c, output);
        }

        if (c.Program is "gpg" or "gpg2" or "age" or "sops")
        {
            c.MarkOpaque("decrypts or handles secrets");
        }

        if (c.Program is "nano" or "vi" or "vim" or "nvim" or "emacs" or "ed" or "pico")
        {
            foreach (var operand in operands)
            {
                AddWrite(c, operand);
            }
        }

        if (c.Program is "base64" or "base32" or "basenc" && HasFlag(c.Args, 'd', "decode", shortWithValue, longWithValue)
            || c.Program is "base64" && HasFlag(c.Args, 'D', "", shortWithValue, longWithValue)
            || c.Program is "xxd" && HasFlag(c.Args, 'r', "", shortWithValue, longWithValue)
            || c.Program is "zcat" or "bzcat" or "xzcat" or "zstdcat" or "gzcat" or "lzcat" or "rev")
        {
            return new Flow(FlowKind.Decoded);
        }

        if (c.Program is "ls" or "du" or "tree" or "stat" or "wc" or "file" or "realpath" or "readlink" or "namei" or "lsattr" or "getfacl"
            or "md5sum" or "sha1sum" or "sha224sum" or "sha256sum" or "sha384sum" or "sha512sum" or "b2sum" or "cksum" or "sum" or "md5" or "shasum")
        {
            // Metadata and digests reveal no content: record nothing read for listings, and keep digests as reads.
            if (c.Program is "ls" or "du" or "tree" or "stat" or "file" or "realpath" or "readlink" or "namei" or "lsattr" or "getfacl")
            {
                c.Reads.Clear();
            }

            return Flow.Unknown;
        }

        return any ? new Flow(FlowKind.File) : stdin;
    }

    private void CopyLike(CommandBuilder c, bool move)
    {
        var args = c.Args;
        var scanner = new ArgScanner(args, 0, "tS", "target-directory|suffix");
        var operands = new List<string>();
        string? target = null;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                operands.Add(token.Name);
            }
            else if (token.Name is "t" or "target-directory" && token.Value is not null)
            {
                target = token.Value;
            }
        }

        if (target is null && operands.Count > 0)
        {
            target = operands[^1];
            operands.RemoveAt(operands.Count - 1);
        }

        foreach (var source in operands)
        {
            AddRead(c, source);
            if (move)
            {
                AddWrite(c, source);
            }
        }

        if (target is not null)
        {
            AddWrite(c, target);
        }
    }

    private void Install(CommandBuilder c)
    {
        var args = c.Args;
        var directories = HasFlag(args, 'd', "directory", "mogtS", "mode|owner|group|target-directory|suffix");
        if (directories)
        {
            foreach (var operand in Operands(args, 0, "mogtS", "mode|owner|group|target-directory|suffix"))
            {
                AddWrite(c, operand);
            }

            return;
        }

        var scanner = new ArgScanner(args, 0, "mogtS", "mode|owner|group|target-directory|suffix");
        var operands = new List<string>();
        string? target = null;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                operands.Add(token.Name);
            }
            else if (token.Name is "t" or "target-directory" && token.Value is not null)
            {
                target = token.Value;
            }
        }

        if (target is null && operands.Count > 0)
        {
            target = operands[^1];
            operands.RemoveAt(operands.Count - 1);
        }

        foreach (var source in operands)
        {
            AddRead(c, source);
        }

        if (target is not null)
        {
            AddWrite(c, target);
        }
    }

    private void Ln(CommandBuilder c)
    {
        var operands = Operands(c.Args, 0, "tS", "target-directory|suffix");
        if (TryOption(c.Args, "t", "target-directory", out var directory))
        {
            AddWrite(c, directory);
            return;
        }

        if (operands.Count == 1)
        {
            AddWrite(c, ShellPath.BaseName(operands[0]));
        }
        else if (operands.Count > 1)
        {
            AddWrite(c, operands[^1]);
        }
    }

    private void Chmod(CommandBuilder c)
    {
        var operands = Operands(c.Args, 0, "", "reference|from|context");
        var first = c.Args.Exists(a => a.StartsWith("--reference", StringComparison.Ordinal)) ? 0 : 1;
        if (c.Program == "chattr")
        {
            first = operands.Count > 0 && operands[0].Length > 0 && operands[0][0] is '+' or '-' or '=' ? 1 : 0;
        }
        else if (c.Program == "setfacl")
        {
            first = 0;
            operands = Operands(c.Args, 0, "mMxX", "modify|modify-file|remove|remove-file|set|set-file");
        }

        for (var i = first; i < operands.Count; i++)
        {
            AddWrite(c, operands[i]);
        }
    }

    private void Dd(CommandBuilder c)
    {
        foreach (var arg in c.Args)
        {
            if (arg.StartsWith("if=", StringComparison.Ordinal))
            {
                AddRead(c, arg[3..]);
            }
            else if (arg.StartsWith("of=", StringComparison.Ordinal))
            {
                AddWrite(c, arg[3..]);
            }
        }
    }

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
