namespace Mandate.Agents.Shell.Internal;

/// <summary>
/// A conservative look into interpreter code it cannot analyse: marks that read the environment,
/// URLs it names, and quoted strings that look like file paths. The command stays opaque.
/// </summary>
internal static class CodeScan
{
    private static readonly string[] EnvironmentMarkers =
    [
        "os.environ", "environ", "process.env", "%ENV", "$ENV{", "ENV[", "ENV.", "getenv", "Deno.env", "Bun.env",
        "$_ENV", "$_SERVER", "System.getenv", "Environment.GetEnvironmentVariable", "os.Getenv", "/proc/self/environ",
    ];

    public static void Scan(string code, CommandBuilder command, Func<string, string> resolve)
    {
        foreach (var marker in EnvironmentMarkers)
        {
            if (code.Contains(marker, StringComparison.Ordinal))
            {
                command.ReadsEnvironment = true;
                break;
            }
        }

        foreach (var scheme in (ReadOnlySpan<string>)["http://", "https://", "ftp://", "ws://", "wss://"])
        {
            var from = 0;
            while (from < code.Length)
            {
                var at = code.IndexOf(scheme, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    break;
                }

                var end = at + scheme.Length;
                while (end < code.Length && !IsUrlEnd(code[end]))
                {
                    end++;
                }

                command.AddHost(HostParser.FromUrl(code[at..end], null));
                from = end;
            }
        }

        for (var i = 0; i < code.Length; i++)
        {
            var quote = code[i];
            if (quote is not ('\'' or '"' or '`'))
            {
                continue;
            }

            var close = code.IndexOf(quote, i + 1);
            if (close < 0)
            {
                break;
            }

            var literal = code.AsSpan(i + 1, close - i - 1);
            if (LooksLikePath(literal))
            {
                command.AddRead(resolve(literal.ToString()));
            }

            i = close;
        }
    }

    private static bool IsUrlEnd(char c) => c is ' ' or '\t' or '\n' or '\'' or '"' or '`' or ')' or '(' or '<' or '>' or ';' or ',' or '\\' or '+' or '{' or '}';

    /// <summary>".env", "./x", "/etc/passwd", "~/.aws/credentials", "config/app.json", "secrets.yaml".</summary>
    public static bool LooksLikePath(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 255 || text.Contains("://", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '(' or ')' or '{' or '}' or '<' or '>' or '|' or ';' or '$' or '%' or ',' or '=' or '\\' or ':')
            {
                return false;
            }
        }

        if (text[0] == '/' || text[0] == '.' || text[0] == '~' || text.Contains('/'))
        {
            return text.Length > 1;
        }

        var dot = text.LastIndexOf('.');
        if (dot <= 0 || dot == text.Length - 1 || text.Length - dot - 1 > 5)
        {
            return false;
        }

        foreach (var c in text[(dot + 1)..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
