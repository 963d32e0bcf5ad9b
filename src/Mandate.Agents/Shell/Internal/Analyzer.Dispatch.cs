namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    /// <summary>Applies what the program is known to do; returns what it writes to stdout.</summary>
    private Flow Dispatch(CommandBuilder c, string via, Flow stdin, int depth)
    {
        var args = c.Args;
        switch (c.Program)
        {
            // Environment.
            case "printenv":
                c.ReadsEnvironment = true;
                return Flow.Unknown;
            case "set":
                c.ReadsEnvironment |= args.Count == 0;
                return Flow.Unknown;
            case "export" or "declare" or "typeset" or "local" or "readonly":
                Declare(c);
                return Flow.Unknown;
            case "compgen":
                c.ReadsEnvironment |= args.Contains("-v") || args.Contains("-e") || HasPair(args, "-A", "variable") || HasPair(args, "-A", "export");
                return Flow.Unknown;
            case "ps":
                Ps(c);
                return Flow.Unknown;
            case "read" or "mapfile" or "readarray" or "getopts" or "let" or "unset":
                ForgetOperands(c);
                return Flow.Unknown;
            case "cd" or "pushd" or "popd":
                ChangeDirectory(c);
                return Flow.None;
            case "echo":
                return Echo(args);
            case "printf":
                return Printf(args);

            // Wrappers and evaluators.
            case "sudo":
                return Sudo(c, via, stdin, depth);
            case "doas":
                return SimpleWrapper(c, via, stdin, depth, "uC", "", "doas");
            case "env":
                return Env(c, via, stdin, depth);
            case "command":
                return args.Contains("-v") || args.Contains("-V") ? Flow.Unknown : SimpleWrapper(c, via, stdin, depth, "", "", "command");
            case "builtin" or "nohup" or "unbuffer" or "fakeroot" or "catchsegv" or "coproc":
                return SimpleWrapper(c, via, stdin, depth, "", "", c.Program);
            case "exec":
                return SimpleWrapper(c, via, stdin, depth, "a", "", "exec");
            case "time":
                return TimeWrapper(c, via, stdin, depth);
            case "nice":
                return SimpleWrapper(c, via, stdin, depth, "n", "adjustment", "nice");
            case "ionice":
                return args.Contains("-p") || args.Contains("-P") || args.Contains("-u") ? Flow.Unknown : SimpleWrapper(c, via, stdin, depth, "cn", "class|classdata", "ionice");
            case "setsid":
                return SimpleWrapper(c, via, stdin, depth, "", "", "setsid");
            case "stdbuf":
                return SimpleWrapper(c, via, stdin, depth, "ioe", "input|output|error", "stdbuf");
            case "caffeinate":
                return SimpleWrapper(c, via, stdin, depth, "tw", "", "caffeinate");
            case "timeout":
                return Timeout(c, via, stdin, depth);
            case "strace" or "ltrace":
                return Trace(c, via, stdin, depth);
            case "xargs":
                return Xargs(c, via, depth);
            case "find":
                Find(c, via, depth);
                return Flow.Unknown;
            case "watch":
                return Watch(c, via, depth);
            case "flock":
                return Flock(c, via, stdin, depth);
            case "script":
                return ScriptCommand(c, via);
            case "su" or "runuser":
                return Su(c, via);
            case "busybox" or "toybox":
                return Wrap(args, 0, via, c.Program, stdin, depth);
            case "chroot" or "unshare" or "nsenter" or "systemd-run" or "firejail" or "bwrap" or "proot" or "parallel"
                or "entr" or "fakechroot" or "schroot" or "chrt" or "taskset" or "sg" or "newgrp" or "expect":
                c.MarkOpaque("command run by an unanalysed wrapper");
                return Flow.Unknown;
            case "eval":
                Eval(c, via);
                return Flow.Unknown;
            case "trap":
                Trap(c, via);
                return Flow.None;
            case "source" or ".":
                foreach (var operand in Operands(args, 0, "", ""))
                {
                    c.AddRead(Resolve(operand));
                    break;
                }

                c.MarkOpaque("script file executed");
                return Flow.Unknown;

            // Shells and interpreters.
            case "bash" or "sh" or "zsh" or "dash" or "ksh" or "mksh" or "ash" or "rbash" or "yash" or "posh" or "fish"
                or "csh" or "tcsh":
                return Shell(c, via, stdin);
            case "python" or "python2" or "python3" or "pypy" or "pypy3" or "node" or "nodejs" or "perl" or "ruby"
                or "php" or "lua" or "luajit" or "Rscript" or "julia" or "pwsh" or "powershell" or "osascript" or "tclsh"
                or "irb" or "deno" or "bun" or "jshell" or "groovy":
                return Interpreter(c, via, stdin, depth);
            case "awk" or "gawk" or "mawk" or "nawk" or "busybox-awk":
                Awk(c);
                return Flow.Unknown;
            case "sed" or "gsed":
                Sed(c);
                return Flow.Unknown;

            // Network.
            case "curl":
                Curl(c);
                return new Flow(FlowKind.Network);
            case "wget":
                Wget(c);
                return new Flow(FlowKind.Network);
            case "http" or "https" or "xh" or "xhs":
                Httpie(c);
                return new Flow(FlowKind.Network);
            case "nc" or "ncat" or "netcat":
                Netcat(c);
                return new Flow(FlowKind.Network);
            case "socat":
                Socat(c);
                return new Flow(FlowKind.Network);
            case "telnet" or "ftp" or "tftp":
                HostAndPort(c, c.Program switch { "telnet" => 23, "ftp" => 21, _ => 69 });
                return new Flow(FlowKind.Network);
            case "ssh":
                Ssh(c);
                return new Flow(FlowKind.Network);
            case "scp":
                Scp(c);
                return Flow.Unknown;
            case "sftp":
                Sftp(c);
                return new Flow(FlowKind.Network);
            case "rsync":
                Rsync(c);
                return Flow.Unknown;
            case "ping" or "ping6" or "traceroute" or "traceroute6" or "tracepath" or "mtr" or "arping" or "fping"
                or "hping3" or "nping":
                DnsHosts(c, "ciswWtIlpQMmSFTaAgGhz", firstOnly: true);
                return Flow.Unknown;
            case "nslookup" or "host" or "dig" or "drill" or "whois" or "kdig" or "delv":
                Dns(c);
                return Flow.Unknown;
            case "openssl":
                return OpenSsl(c);
            case "git":
                Git(c);
                return Flow.Unknown;

            // Package managers that reach their registries.
            case "npm" or "pnpm" or "yarn" or "npx" or "pnpx" or "cnpm":
                Npm(c);
                return Flow.Unknown;
            case "dotnet":
                DotNet(c);
                return Flow.Unknown;
            case "pip" or "pip3" or "uv" or "uvx" or "pipx" or "poetry" or "pdm" or "pipenv":
                Pip(c);
                return Flow.Unknown;
            case "cargo":
                Registry(c, "crates.io", "build|fetch|install|update|add|publish|vendor|generate-lockfile|b");
                return Flow.Unknown;
            case "go":
                Go(c);
                return Flow.Unknown;
            case "gem" or "bundle" or "bundler":
                Registry(c, "rubygems.org", c.Program == "gem" ? "install|update|fetch|push" : "install|update|add|");
                return Flow.Unknown;
            case "composer":
                Registry(c, "repo.packagist.org", "install|update|require|create-project|");
                return Flow.Unknown;

            // Files.
            case "tee":
                foreach (var operand in Operands(args, 0, "", "output-error"))
                {
                    AddWrite(c, operand);
                }

                return stdin;
            case "dd":
                Dd(c);
                return Flow.Unknown;
            case "cp":
                CopyLike(c, move: false);
                return Flow.Unknown;
            case "mv":
                CopyLike(c, move: true);
                return Flow.Unknown;
            case "install":
                Install(c);
                return Flow.Unknown;
            case "ln" or "link":
                Ln(c);
                return Flow.Unknown;
            case "rm" or "rmdir" or "unlink" or "touch" or "mkdir" or "shred" or "truncate" or "mkfifo" or "mknod":
                foreach (var operand in Operands(args, 0, "mrtdsn", "mode|reference|date|size|iterations|random-source|context"))
                {
                    AddWrite(c, operand);
                }

                if (c.Program == "touch" && TryOption(args, "r", "reference", out var reference))
                {
                    c.AddRead(Resolve(reference));
                }

                return Flow.Unknown;
            case "chmod" or "chown" or "chgrp" or "chattr" or "setfacl" or "chcon":
                Chmod(c);
                return Flow.Unknown;
            case "tar" or "bsdtar" or "gtar":
                Tar(c);
                return Flow.Unknown;
            case "zip":
                Zip(c);
                return Flow.Unknown;
            case "unzip":
                Unzip(c);
                return Flow.Unknown;
            case "gzip" or "gunzip" or "bzip2" or "bunzip2" or "xz" or "unxz" or "zstd" or "unzstd" or "lz4" or "compress"
                or "uncompress" or "lzma" or "unlzma":
                return Compressor(c, stdin);
            case "grep" or "egrep" or "fgrep" or "rg" or "ag" or "ack" or "zgrep" or "git-grep":
                Grep(c);
                return new Flow(FlowKind.File);
            case "sort":
                Sort(c);
                return Flow.Unknown;
            case "uniq":
                Uniq(c);
                return Flow.Unknown;
            case "jq" or "yq" or "gojq" or "jaq":
                Jq(c);
                return Flow.Unknown;
            case "uudecode" or "rev" or "tr":
                if (c.Program == "uudecode")
                {
                    ReadOperands(c, "o", "output-file");
                }

                return new Flow(FlowKind.Decoded);
            default:
                if (ReaderTable.TryGet(c.Program, out var shortValue, out var longValue))
                {
                    return Reader(c, stdin, shortValue, longValue);
                }

                return Flow.Unknown;
        }
    }

    private static bool HasPair(List<string> args, string option, string value)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == option && args[i + 1] == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operands of <paramref name="args"/> from <paramref name="start"/>, options and their values skipped.</summary>
    private static List<string> Operands(List<string> args, int start, string shortWithValue, string longWithValue)
    {
        var operands = new List<string>();
        var scanner = new ArgScanner(args, start, shortWithValue, longWithValue);
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                operands.Add(token.Name);
            }
        }

        return operands;
    }

    /// <summary>The value of an option given as -<paramref name="shortName"/> or --<paramref name="longName"/>.</summary>
    private static bool TryOption(List<string> args, string shortName, string longName, out string value)
    {
        var scanner = new ArgScanner(args, 0, shortName, longName);
        while (scanner.Next(out var token))
        {
            if (!token.IsOperand && token.Value is not null && (token.IsLong ? token.Name == longName : token.Name == shortName))
            {
                value = token.Value;
                return true;
            }
        }

        value = "";
        return false;
    }

    private static bool HasFlag(List<string> args, char shortName, string longName, string shortWithValue = "", string longWithValue = "")
    {
        var scanner = new ArgScanner(args, 0, shortWithValue, longWithValue);
        while (scanner.Next(out var token))
        {
            if (!token.IsOperand && (token.IsLong ? token.Name == longName : token.Name[0] == shortName))
            {
                return true;
            }
        }

        return false;
    }

    private void ReadOperands(CommandBuilder c, string shortWithValue, string longWithValue)
    {
        foreach (var operand in Operands(c.Args, 0, shortWithValue, longWithValue))
        {
            AddRead(c, operand);
        }
    }

    private void AddRead(CommandBuilder c, string path)
    {
        if (path != "-")
        {
            c.AddRead(Resolve(path));
        }
    }

    private void AddWrite(CommandBuilder c, string path)
    {
        if (path == "-")
        {
            return;
        }

        var resolved = Resolve(path);
        if (!ShellPath.IsNullDevice(resolved))
        {
            c.AddWrite(resolved);
        }
    }
}
