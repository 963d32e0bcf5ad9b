using Mandate.Agents.Hooks;

namespace Mandate.Agents.Install.Internal;

/// <summary>
/// The command line Mandate registers (<c>/usr/local/bin/mandate-hook cursor</c>, or <c>/usr/local/bin/mandate hook
/// cursor</c> where the small hook binary is absent) and how it is recognised.
/// </summary>
internal static class HookCommand
{
    /// <summary>The command for <paramref name="agent"/>: the hook program beside <paramref name="mandateBinary"/> (<see cref="HookProgram.For"/>).</summary>
    public static string Format(string mandateBinary, HookDialect agent)
    {
        var program = HookProgram.For(mandateBinary);
        return (program.Any(char.IsWhiteSpace) ? "\"" + program + "\"" : program) + " " + string.Join(' ', HookProgram.Arguments(program, agent));
    }

    /// <summary>A command is Mandate's when it runs <c>mandate hook &lt;dialect&gt;</c> or <c>mandate-hook &lt;dialect&gt;</c>.</summary>
    public static bool TryRead(string? command, HookDialect agent, out string binary)
    {
        binary = "";
        if (string.IsNullOrWhiteSpace(command))
        {
            return false;
        }

        var text = command.Trim();
        string rest;
        if (text.StartsWith('"'))
        {
            var close = text.IndexOf('"', 1);
            if (close < 0)
            {
                return false;
            }

            binary = text[1..close];
            rest = text[(close + 1)..];
        }
        else
        {
            var space = text.IndexOfAny([' ', '\t']);
            if (space < 0)
            {
                return false;
            }

            binary = text[..space];
            rest = text[space..];
        }

        var fileName = binary[(binary.LastIndexOfAny(['/', '\\']) + 1)..];
        var words = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (HookProgram.IsHookBinary(fileName))
        {
            return words.Length >= 1 && words[0] == HookDialects.Name(agent);
        }

        var isMandate = fileName.Equals("mandate", StringComparison.Ordinal) || fileName.Equals("mandate.exe", StringComparison.OrdinalIgnoreCase);
        return isMandate && words.Length >= 2 && words[0] == "hook" && words[1] == HookDialects.Name(agent);
    }
}
