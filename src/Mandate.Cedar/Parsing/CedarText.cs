using System.Globalization;
using System.Text;

namespace Mandate.Cedar.Parsing;

/// <summary>Cedar string literal escaping and unescaping.</summary>
internal static class CedarText
{
    /// <summary>Quotes and escapes a string as a Cedar string literal.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        AppendEscaped(sb, value, escapeStar: false);
        return sb.Append('"').ToString();
    }

    public static void AppendEscaped(StringBuilder sb, string value, bool escapeStar)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                case '*' when escapeStar: sb.Append("\\*"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                    {
                        sb.Append("\\u{").Append(rune.Value.ToString("x", CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Unescapes the body of a string literal. With <paramref name="pattern"/>, <c>\*</c> is a literal star and
    /// unescaped <c>*</c> becomes a wildcard (a null element in <paramref name="parts"/>).
    /// </summary>
    public static bool TryUnescape(string raw, bool pattern, out List<string?> parts, out string? error)
    {
        parts = [];
        var sb = new StringBuilder(raw.Length);
        error = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '*' && pattern)
            {
                parts.Add(sb.ToString());
                parts.Add(null);
                sb.Clear();
                continue;
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 >= raw.Length)
            {
                error = "unterminated escape sequence";
                return false;
            }

            var e = raw[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '\\': sb.Append('\\'); break;
                case '0': sb.Append('\0'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case '*' when pattern: sb.Append('*'); break;
                case 'x':
                    if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                    {
                        error = "invalid \\x escape";
                        return false;
                    }

                    var x = int.Parse(raw.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    if (x > 0x7f)
                    {
                        error = "\\x escape must be at most 0x7F";
                        return false;
                    }

                    sb.Append((char)x);
                    i += 2;
                    break;
                case 'u':
                    var close = raw.IndexOf('}', i);
                    if (i + 1 >= raw.Length || raw[i + 1] != '{' || close < 0 || close - i - 2 is < 1 or > 6
                        || raw.AsSpan(i + 2, close - i - 2).ContainsAnyExcept("0123456789abcdefABCDEF"))
                    {
                        error = "invalid \\u escape";
                        return false;
                    }

                    var code = int.Parse(raw.AsSpan(i + 2, close - i - 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    if (!Rune.IsValid(code))
                    {
                        error = "invalid unicode code point in \\u escape";
                        return false;
                    }

                    sb.Append(new Rune(code).ToString());
                    i = close;
                    break;
                default:
                    error = "invalid escape sequence `\\" + e + "`";
                    return false;
            }
        }

        if (!pattern || sb.Length > 0 || parts.Count == 0)
        {
            parts.Add(sb.ToString());
        }

        return true;
    }

    public static bool TryUnescape(string raw, out string value, out string? error)
    {
        if (!TryUnescape(raw, pattern: false, out var parts, out error))
        {
            value = string.Empty;
            return false;
        }

        value = parts[0] ?? string.Empty;
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
