namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    private const string InterpreterReason = "interpreter code could not be analysed";
    private const string DecodedReason = "decoded data piped to a shell";
    private const string ScriptReason = "script file executed";

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

    private Flow Interpreter(CommandBuilder c, string via, Flow stdin, int depth)
    {
        var args = c.Args;
        var (codeShort, codeLong, valueShort, valueLong) = InterpreterOptions(c.Program);
        var scanner = new ArgScanner(args, 0, codeShort + valueShort, codeLong + "|" + valueLong, stopAtOperand: true);
        string? code = null;
        string? script = null;
        string? module = null;
        var moduleIndex = -1;
        var info = false;
        var inPlace = false;
        var operandIndex = args.Count;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                if (token.Name == "-")
                {
                    continue;
                }

                operandIndex = token.Index;
                break;
            }

            var name = token.Name;
            if (token.Value is not null && (token.IsLong ? ArgScanner.ListContains(codeLong, name) : codeShort.Contains(name, StringComparison.Ordinal)))
            {
                code = code is null ? token.Value : code + "\n" + token.Value;
                continue;
            }

            switch (name)
            {
                case "m" when c.Program.StartsWith("py", StringComparison.Ordinal) && token.Value is not null:
                    module = token.Value;
                    moduleIndex = scanner.Position;
                    break;
                case "f" or "File" or "file" when token.Value is not null && c.Program is "php" or "pwsh" or "powershell":
                    script = token.Value;
                    break;
                case "EncodedCommand" or "encodedcommand" or "ec" or "enc":
                    c.MarkOpaque(DecodedReason);
                    break;
                case "C" when c.Program == "ruby" && token.Value is not null:
                    break;
                case "i" when c.Program is "perl" or "ruby":
                    inPlace = true;
                    break;
                case "V" or "v" or "version" or "h" or "help":
                    info = true;
                    break;
            }

            if (module is not null)
            {
                break;
            }
        }

        if (module is not null)
        {
            return PythonModule(c, module, moduleIndex, via, stdin, depth);
        }

        if (code is null && script is null && operandIndex < args.Count)
        {
            var first = args[operandIndex];
            if (c.Program is "deno" or "bun")
            {
                return DenoOrBun(c, operandIndex);
            }

            script = first;
            operandIndex++;
        }

        if (code is not null)
        {
            CodeScan.Scan(code, c, Resolve);
            c.MarkOpaque(InterpreterReason);
            if (c.Program is "perl" or "ruby")
            {
                for (var i = operandIndex; i < args.Count; i++)
                {
                    AddRead(c, args[i]);
                    if (inPlace)
                    {
                        AddWrite(c, args[i]);
                    }
                }
            }
        }
        else if (script is not null)
        {
            AddRead(c, script);
            c.MarkOpaque(ScriptReason);
        }
        else if (!info)
        {
            InterpreterStdin(c, stdin);
        }

        return Flow.Unknown;
    }

    private void InterpreterStdin(CommandBuilder c, Flow stdin)
    {
        switch (stdin.Kind)
        {
            case FlowKind.Literal:
                CodeScan.Scan(stdin.Text ?? "", c, Resolve);
                c.MarkOpaque(InterpreterReason);
                break;
            case FlowKind.Decoded or FlowKind.Network:
                c.MarkOpaque(DecodedReason);
                break;
            case FlowKind.File:
                c.MarkOpaque(ScriptReason);
                break;
            default:
                c.MarkOpaque(InterpreterReason);
                break;
        }
    }

    /// <summary>The options that carry code, and other options that take a value, per interpreter.</summary>
    private static (string CodeShort, string CodeLong, string ValueShort, string ValueLong) InterpreterOptions(string program) => program switch
    {
        "python" or "python2" or "python3" or "pypy" or "pypy3" => ("c", "", "mWXQ", "check-hash-based-pycs"),
        "node" or "nodejs" => ("ep", "eval|print", "r", "require|import|loader|input-type|experimental-loader|env-file|title"),
        "perl" => ("eE", "", "IMmx", ""),
        "ruby" or "irb" => ("e", "", "rICEF", "encoding|external-encoding|internal-encoding"),
        "php" => ("rBRE", "", "fdcFSt", ""),
        "pwsh" or "powershell" => ("c", "Command|command|c", "fFe", "File|file|EncodedCommand|encodedcommand|ec|ExecutionPolicy|ep"),
        "deno" or "bun" => ("ep", "eval|print", "r", "config|import-map|preload"),
        _ => ("e", "eval", "l", ""),
    };

    /// <summary>"python -m pip install …" is pip; other modules run like installed programs.</summary>
    private Flow PythonModule(CommandBuilder c, string module, int index, string via, Flow stdin, int depth)
    {
        if (module is "pip" or "pip3" or "ensurepip" or "pipx" or "uv")
        {
            var inner = new List<string> { module == "ensurepip" ? "pip" : module };
            inner.AddRange(c.Args.GetRange(index, c.Args.Count - index));
            var (_, output) = RunArgv(inner, Join(via, c.Program + " -m"), stdin, depth + 1);
            return output;
        }

        if (module is "http.server" or "SimpleHTTPServer" or "smtpd" or "pty")
        {
            c.MarkOpaque(InterpreterReason);
        }

        return Flow.Unknown;
    }

    /// <summary>deno/bun: "deno eval code", "deno run file", "bun install", "bun x.ts"…</summary>
    private Flow DenoOrBun(CommandBuilder c, int index)
    {
        var args = c.Args;
        var sub = args[index];
        switch (sub)
        {
            case "eval" when index + 1 < args.Count:
                CodeScan.Scan(args[^1], c, Resolve);
                c.MarkOpaque(InterpreterReason);
                break;
            case "install" or "i" or "add" or "update" or "ci" or "remove" or "outdated" or "publish" or "x" or "cache":
                c.AddHost(new HostRef(c.Program == "deno" ? "jsr.io" : "registry.npmjs.org", 443, false));
                break;
            case "run":
                var operands = Operands(args, index + 1, "r", "config|import-map|preload|allow-read|allow-write|allow-net|allow-env|allow-run");
                if (operands.Count > 0 && LooksLikeScriptFile(operands[0]))
                {
                    AddRead(c, operands[0]);
                    c.MarkOpaque(ScriptReason);
                }

                break;
            case "test" or "build" or "fmt" or "lint" or "check" or "task" or "bundle" or "compile" or "doc" or "info"
                or "upgrade" or "pm" or "link" or "init" or "create" or "repl" or "serve" or "bench" or "types" or "completions":
                break;
            default:
                AddRead(c, sub);
                c.MarkOpaque(ScriptReason);
                break;
        }

        return Flow.Unknown;
    }

    private static bool LooksLikeScriptFile(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.EndsWith(".ts", StringComparison.Ordinal) || name.EndsWith(".js", StringComparison.Ordinal)
        || name.EndsWith(".mjs", StringComparison.Ordinal) || name.EndsWith(".tsx", StringComparison.Ordinal) || name.EndsWith(".jsx", StringComparison.Ordinal)
        || name.EndsWith(".cjs", StringComparison.Ordinal) || name.EndsWith(".mts", StringComparison.Ordinal);

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
}
