using Mandate.Agents.Hooks;

namespace Mandate.Agents.Install.Internal;

/// <summary>The command line Mandate registers (<c>/usr/local/bin/mandate hook cursor</c>) and how it is recognised.</summary>
internal static class HookCommand
{
    public static string Format(string binary, HookDialect agent) =>
        (binary.Any(char.IsWhiteSpace) ? "\"" + binary + "\"" : binary) + " hook " + HookDialects.Name(agent);

    /// <summary>A command is Mandate's when it runs a binary named <c>mandate</c> with <c>hook &lt;dialect&gt;</c>.</summary>
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
        if (!fileName.Equals("mandate", StringComparison.Ordinal) && !fileName.Equals("mandate.exe", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var words = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words[0] == "hook" && words[1] == HookDialects.Name(agent);
    }
}
