using System.Text;

namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    /// <summary>export/declare/typeset/local/readonly: listing variables reads the environment; NAME=value assigns.</summary>
    private void Declare(CommandBuilder c)
    {
        var operands = 0;
        var print = false;
        foreach (var arg in c.Args)
        {
            if (arg.Length > 1 && (arg[0] == '-' || arg[0] == '+'))
            {
                print |= arg[0] == '-' && arg.Contains('p', StringComparison.Ordinal);
                continue;
            }

            operands++;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var nameEnd = eq > 0 && arg[eq - 1] == '+' ? eq - 1 : eq;
            var name = eq > 0 ? arg[..nameEnd] : arg;
            if (!Parser.IsName(name))
            {
                continue;
            }

            if (IsDangerousVariable(name) && eq > 0)
            {
                c.MarkOpaque("assignment to " + name);
            }

            if (eq > 0)
            {
                var value = arg[(eq + 1)..];
                _scope.Vars[name] = ShellPath.IsDynamic(value) || nameEnd != eq ? null : value;
            }
        }

        if (operands == 0 || print)
        {
            c.ReadsEnvironment = true;
        }
    }

    /// <summary>BSD-style "ps e", "ps eww", "ps auxe" print each process's environment.</summary>
    private static void Ps(CommandBuilder c)
    {
        foreach (var arg in c.Args)
        {
            if (arg.Length > 0 && arg[0] != '-' && arg.Contains('e', StringComparison.Ordinal) && IsLetters(arg))
            {
                c.ReadsEnvironment = true;
            }
        }
    }

    private static bool IsLetters(string text)
    {
        foreach (var ch in text)
        {
            if (!char.IsAsciiLetter(ch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>read, mapfile, let, unset…: the variables they name now hold unknown values.</summary>
    private void ForgetOperands(CommandBuilder c)
    {
        foreach (var arg in c.Args)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (Parser.IsName(name))
            {
                _scope.Vars[name] = null;
            }
        }
    }

    private void ChangeDirectory(CommandBuilder c)
    {
        var operands = Operands(c.Args, 0, "", "");
        if (c.Program == "popd" || (operands.Count > 0 && operands[0] == "-"))
        {
            _scope.Cwd = ShellPath.DynamicText;
            return;
        }

        var target = operands.Count == 0 ? _home : operands[0];
        _scope.Cwd = ShellPath.IsDynamic(target) ? ShellPath.Normalize(Resolve(target)) : Resolve(target);
        if (ShellPath.IsDynamic(_scope.Cwd) && _scope.Cwd[0] != ShellPath.Dynamic)
        {
            // "cd src/$x" leaves us somewhere under src: keep the known prefix only up to the dynamic part.
            var star = _scope.Cwd.IndexOf(ShellPath.Dynamic, StringComparison.Ordinal);
            var slash = _scope.Cwd.LastIndexOf('/', star);
            _scope.Cwd = _scope.Cwd[..(slash + 1)] + ShellPath.DynamicText;
        }
    }

    /// <summary>echo of fully literal text writes that text (so "echo … | sh" can be analysed).</summary>
    private static Flow Echo(List<string> args)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < args.Count && args[i] is "-n" or "-e" or "-E" or "-ne" or "-en")
        {
            i++;
        }

        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (ShellPath.IsDynamic(arg) || arg.Contains('\\', StringComparison.Ordinal))
            {
                return Flow.Unknown;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(arg);
        }

        return new Flow(FlowKind.Literal, sb.Append('\n').ToString());
    }

    /// <summary>printf with one literal format and no conversions writes that text.</summary>
    private Flow Printf(List<string> args)
    {
        var vIndex = args.IndexOf("-v");
        if (vIndex >= 0 && vIndex + 1 < args.Count)
        {
            if (Parser.IsName(args[vIndex + 1]))
            {
                _scope.Vars[args[vIndex + 1]] = null;
            }

            return Flow.None;
        }

        var start = args.Count > 0 && args[0] == "--" ? 1 : 0;
        if (args.Count != start + 1 || ShellPath.IsDynamic(args[start]))
        {
            return Flow.Unknown;
        }

        var format = args[start].Replace("%%", "\u0000", StringComparison.Ordinal);
        if (format.Contains('%', StringComparison.Ordinal))
        {
            return Flow.Unknown;
        }

        return new Flow(FlowKind.Literal, AnsiC.Decode(format).Replace("\u0000", "%", StringComparison.Ordinal));
    }
}
