namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    /// <summary>Variables that change which program runs or what it loads: setting them makes the command opaque.</summary>
    private static bool IsDangerousVariable(string name) =>
        name is "PATH" or "LD_PRELOAD" or "LD_LIBRARY_PATH" or "LD_AUDIT" or "DYLD_INSERT_LIBRARIES" or "DYLD_LIBRARY_PATH"
            or "BASH_ENV" or "ENV" or "IFS" or "PROMPT_COMMAND" or "PS4" or "SHELLOPTS" or "BASHOPTS" or "GCONV_PATH"
            or "GIT_SSH" or "GIT_SSH_COMMAND" or "GIT_EXEC_PATH" or "GIT_EXTERNAL_DIFF" or "GIT_PAGER" or "GIT_EDITOR"
            or "GIT_ASKPASS" or "SSH_ASKPASS" or "PAGER" or "EDITOR" or "VISUAL" or "NODE_OPTIONS" or "PYTHONSTARTUP"
            or "PYTHONPATH" or "PYTHONHOME" or "PERL5OPT" or "PERL5LIB" or "RUBYOPT" or "RUBYLIB" or "JAVA_TOOL_OPTIONS"
            or "_JAVA_OPTIONS" or "DOTNET_STARTUP_HOOKS" or "NPM_CONFIG_SCRIPT_SHELL"
        || name.StartsWith("GIT_CONFIG", StringComparison.Ordinal)
        || name.StartsWith("BASH_FUNC_", StringComparison.Ordinal)
        || name.StartsWith("LD_", StringComparison.Ordinal);

    private Flow AnalyzeSimple(SimpleNode node, string via, Flow stdin)
    {
        var pending = new List<PendingScript>();
        var flags = default(ExpandFlags);
        List<(string Name, string? Value)>? assigned = null;
        foreach (var assignment in node.Assignments)
        {
            string? value = null;
            if (assignment.Array is not null)
            {
                foreach (var word in assignment.Array)
                {
                    _ = ExpandToString(word, pending, ref flags, out _);
                }
            }
            else
            {
                var text = ExpandToString(assignment.Value, pending, ref flags, out var dynamic);
                value = dynamic ? null : text;
            }

            (assigned ??= []).Add((assignment.Name, value));
        }

        var fields = new List<string>(node.Words.Count + 2);
        foreach (var word in node.Words)
        {
            ExpandWord(word, fields, pending, ref flags);
        }

        var redirectIn = StdinFromRedirects(node.Redirects, pending, ref flags);
        var input = redirectIn.Kind == FlowKind.None ? stdin : redirectIn;

        CommandBuilder? outer = null;
        var output = Flow.Unknown;
        if (fields.Count == 0)
        {
            string? reason = null;
            if (assigned is not null)
            {
                foreach (var (name, value) in assigned)
                {
                    if (IsDangerousVariable(name))
                    {
                        reason ??= "assignment to " + name;
                    }

                    _scope.Vars[name] = value;
                }
            }

            if (reason is not null || node.Redirects.Count > 0 || flags.SecretVariable || flags.Ifs)
            {
                outer = NewCommand(via);
                if (reason is not null)
                {
                    outer.MarkOpaque(reason);
                }
            }

            output = Flow.None;
        }
        else
        {
            (outer, output) = RunArgv(fields, via, input, 0);
            if (assigned is not null)
            {
                foreach (var (name, _) in assigned)
                {
                    if (IsDangerousVariable(name))
                    {
                        outer.MarkOpaque(name + " set for the command");
                    }
                }
            }
        }

        if (outer is not null)
        {
            if (flags.Ifs)
            {
                outer.MarkOpaque("${IFS} word splitting");
            }

            if (flags.BraceOverflow)
            {
                outer.MarkOpaque("brace expansion too large");
            }

            if (flags.SecretVariable)
            {
                outer.ReadsEnvironment = true;
            }

            ApplyRedirects(node.Redirects, outer, pending);
        }

        RunPending(pending, via);
        return output;
    }

    /// <summary>What stdin redirections feed the command: here-documents and here-strings as literal text, files.</summary>
    private Flow StdinFromRedirects(List<Redirect> redirects, List<PendingScript> pending, ref ExpandFlags flags)
    {
        var flow = Flow.None;
        foreach (var redirect in redirects)
        {
            if (redirect.Fd > 0)
            {
                continue;
            }

            switch (redirect.Op)
            {
                case "<<" or "<<-":
                    flow = new Flow(FlowKind.Literal, redirect.HereDoc!.Body);
                    break;
                case "<<<":
                    var text = ExpandToString(redirect.Target!, [], ref flags, out var dynamic);
                    flow = dynamic ? Flow.Unknown : new Flow(FlowKind.Literal, text + "\n");
                    break;
                case "<":
                    flow = new Flow(FlowKind.File);
                    break;
                case "<&" or "<>":
                    flow = Flow.Unknown;
                    break;
            }
        }

        return flow;
    }

    private void ApplyRedirects(List<Redirect> redirects, CommandBuilder command, List<PendingScript> pending)
    {
        var flags = default(ExpandFlags);
        foreach (var redirect in redirects)
        {
            if (redirect.HereDoc is { } doc)
            {
                if (doc.Expanded is not null)
                {
                    _ = ExpandToString(doc.Expanded, pending, ref flags, out _);
                }

                continue;
            }

            var target = ExpandToString(redirect.Target!, pending, ref flags, out _);
            switch (redirect.Op)
            {
                case "<<<":
                    break;
                case "<":
                    AddRedirectPath(command, target, read: true, write: false);
                    break;
                case "<>":
                    AddRedirectPath(command, target, read: true, write: true);
                    break;
                case "<&" or ">&":
                    if (!IsDescriptor(target))
                    {
                        AddRedirectPath(command, target, read: redirect.Op == "<&", write: redirect.Op == ">&");
                    }

                    break;
                default:
                    AddRedirectPath(command, target, read: false, write: true);
                    break;
            }
        }

        if (flags.Ifs)
        {
            command.MarkOpaque("${IFS} word splitting");
        }

        if (flags.SecretVariable)
        {
            command.ReadsEnvironment = true;
        }
    }

    private static bool IsDescriptor(string target)
    {
        if (target == "-")
        {
            return true;
        }

        var digits = target.AsSpan().TrimEnd('-');
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private void AddRedirectPath(CommandBuilder command, string target, bool read, bool write)
    {
        var path = Resolve(target);
        if (path.StartsWith("/dev/tcp/", StringComparison.Ordinal) || path.StartsWith("/dev/udp/", StringComparison.Ordinal))
        {
            var rest = path.AsSpan(9);
            var slash = rest.IndexOf('/');
            var host = slash < 0 ? rest : rest[..slash];
            var port = slash < 0 ? default : rest[(slash + 1)..];
            command.AddHost(HostParser.Make(host, port, null));
            return;
        }

        if (ShellPath.IsNullDevice(path))
        {
            return;
        }

        if (read)
        {
            command.AddRead(path);
        }

        if (write)
        {
            command.AddWrite(path);
        }
    }

    /// <summary>
    /// Runs argv: records the command, then lets the program's handler add what it touches and unfold
    /// the command it wraps. Returns the outermost command and what it writes to stdout.
    /// </summary>
    private (CommandBuilder Command, Flow Output) RunArgv(List<string> argv, string via, Flow stdin, int wrapDepth)
    {
        if (wrapDepth > AnalysisBudget.MaxDepth)
        {
            throw new ShellSyntaxException($"nesting deeper than {AnalysisBudget.MaxDepth} levels");
        }

        var command = NewCommand(via);
        var word = argv[0];
        command.Args = argv.GetRange(1, argv.Count - 1);
        if (ShellPath.IsDynamic(word))
        {
            command.MarkOpaque("dynamic command name");
            return (command, Flow.Unknown);
        }

        if (word.Contains('/', StringComparison.Ordinal))
        {
            command.ProgramPath = Resolve(word);
            command.Program = ShellPath.BaseName(word);
            if (!IsSystemProgram(command.ProgramPath))
            {
                command.AddRead(command.ProgramPath);
                command.MarkOpaque("script file executed");
                return (command, Flow.Unknown);
            }
        }
        else
        {
            command.Program = word;
        }

        var output = Dispatch(command, via, stdin, wrapDepth);
        return (command, output);
    }

    private static bool IsSystemProgram(string path)
    {
        var slash = path.LastIndexOf('/');
        var dir = slash <= 0 ? "/" : path[..slash];
        return dir is "/bin" or "/usr/bin" or "/usr/local/bin" or "/sbin" or "/usr/sbin" or "/usr/local/sbin"
            or "/opt/homebrew/bin" or "/usr/lib/git-core" or "/usr/libexec/git-core";
    }

    /// <summary>Runs the command wrapped at <paramref name="index"/> of <paramref name="args"/>, if any.</summary>
    private Flow Wrap(List<string> args, int index, string via, string label, Flow stdin, int wrapDepth)
    {
        if (index >= args.Count)
        {
            return Flow.Unknown;
        }

        var (_, output) = RunArgv(args.GetRange(index, args.Count - index), Join(via, label), stdin, wrapDepth + 1);
        return output;
    }
}
