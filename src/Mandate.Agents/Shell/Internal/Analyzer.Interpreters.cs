namespace Mandate.Agents.Shell.Internal;

/// <summary>Language interpreters (python, node, perl, ruby, php, pwsh, deno, bun…): inline code is scanned and made opaque, script files are read.</summary>
internal sealed partial class Analyzer
{
    private const string InterpreterReason = "interpreter code could not be analysed";
    private const string DecodedReason = "decoded data piped to a shell";
    private const string ScriptReason = "script file executed";

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
}
