using System.Globalization;
using System.Text;

namespace Mandate.Agents.Shell.Internal;

/// <summary>Backslash escapes as $'…', echo -e and printf decode them.</summary>
internal static class AnsiC
{
    /// <summary>Decodes the escape at <paramref name="pos"/> (a backslash) into <paramref name="sb"/>; returns the index after it.</summary>
    public static int DecodeEscape(string s, int pos, StringBuilder sb)
    {
        var n = s[pos + 1];
        switch (n)
        {
            case 'a': sb.Append('\a'); return pos + 2;
            case 'b': sb.Append('\b'); return pos + 2;
            case 'e' or 'E': sb.Append('\u001b'); return pos + 2;
            case 'f': sb.Append('\f'); return pos + 2;
            case 'n': sb.Append('\n'); return pos + 2;
            case 'r': sb.Append('\r'); return pos + 2;
            case 't': sb.Append('\t'); return pos + 2;
            case 'v': sb.Append('\v'); return pos + 2;
            case '\\' or '\'' or '"' or '?': sb.Append(n); return pos + 2;
            case 'x': return Hex(s, pos + 2, 2, sb, pos);
            case 'u': return Hex(s, pos + 2, 4, sb, pos);
            case 'U': return Hex(s, pos + 2, 8, sb, pos);
            case 'c' when pos + 2 < s.Length: sb.Append((char)(s[pos + 2] & 0x1f)); return pos + 3;
            default:
                if (n is >= '0' and <= '7')
                {
                    var value = 0;
                    var i = pos + 1;
                    while (i < s.Length && i < pos + 4 && s[i] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (s[i] - '0');
                        i++;
                    }

                    sb.Append((char)(value & 0xff));
                    return i;
                }

                sb.Append('\\').Append(n);
                return pos + 2;
        }
    }

    private static int Hex(string s, int start, int max, StringBuilder sb, int backslash)
    {
        var end = start;
        while (end < s.Length && end - start < max && char.IsAsciiHexDigit(s[end]))
        {
            end++;
        }

        if (end == start)
        {
            sb.Append('\\').Append(s[backslash + 1]);
            return start;
        }

        var value = int.Parse(s.AsSpan(start, end - start), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF))
        {
            sb.Append(char.ConvertFromUtf32(value));
        }

        return end;
    }

    /// <summary>Decodes every backslash escape in <paramref name="text"/>.</summary>
    public static string Decode(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i = DecodeEscape(text, i, sb);
            }
            else
            {
                sb.Append(text[i]);
                i++;
            }
        }

        return sb.ToString();
    }
}
