namespace Mandate.Agents.Shell.Internal;

/// <summary>Programs that read, copy, link or change files: readers (cat and kin, editors, decoders), cp/mv, install, ln, chmod and kin, dd.</summary>
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
}
