using System.Globalization;

namespace Mandate.Agents.Shell.Internal;

/// <summary>Bash brace expansion ("a{b,c}d", "{1..3}"), bounded so it cannot blow up.</summary>
internal static class BraceExpander
{
    public const int MaxResults = 64;

    /// <summary>True when <paramref name="text"/> has a "{…,…}" or "{x..y}" group to expand.</summary>
    public static bool HasGroup(string text) => FindGroup(text, out _, out _, out _);

    /// <summary>Expands <paramref name="text"/> into <paramref name="output"/>; false when the result would exceed the bound.</summary>
    public static bool Expand(string text, List<string> output)
    {
        var work = new Queue<string>();
        work.Enqueue(text);
        var produced = 0;
        var steps = 0;
        while (work.Count > 0)
        {
            if (++steps > MaxResults * 8)
            {
                return false;
            }

            var item = work.Dequeue();
            if (!FindGroup(item, out var open, out var close, out var alternatives))
            {
                if (++produced > MaxResults)
                {
                    return false;
                }

                output.Add(item);
                continue;
            }

            var prefix = item[..open];
            var suffix = item[(close + 1)..];
            foreach (var alternative in alternatives)
            {
                work.Enqueue(prefix + alternative + suffix);
            }

            if (work.Count > MaxResults)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FindGroup(string text, out int open, out int close, out List<string> alternatives)
    {
        alternatives = [];
        close = -1;
        for (open = 0; open < text.Length; open++)
        {
            if (text[open] != '{' || (open > 0 && text[open - 1] == '$'))
            {
                continue;
            }

            var depth = 0;
            var itemStart = open + 1;
            alternatives.Clear();
            for (var i = open + 1; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && depth > 0)
                {
                    depth--;
                }
                else if (c == ',' && depth == 0)
                {
                    alternatives.Add(text[itemStart..i]);
                    itemStart = i + 1;
                }
                else if (c == '}')
                {
                    if (alternatives.Count > 0)
                    {
                        alternatives.Add(text[itemStart..i]);
                        close = i;
                        return true;
                    }

                    if (TrySequence(text.AsSpan(open + 1, i - open - 1), alternatives))
                    {
                        close = i;
                        return true;
                    }

                    break;
                }
            }
        }

        return false;
    }

    private static bool TrySequence(ReadOnlySpan<char> body, List<string> output)
    {
        var dots = body.IndexOf("..");
        if (dots <= 0)
        {
            return false;
        }

        var from = body[..dots];
        var to = body[(dots + 2)..];
        var step = to.IndexOf("..");
        if (step >= 0)
        {
            to = to[..step];
        }

        if (int.TryParse(from, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) &&
            int.TryParse(to, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b))
        {
            if (Math.Abs((long)b - a) >= MaxResults)
            {
                // Too many to list; one dynamic entry stands for them.
                output.Add(ShellPath.DynamicText);
                return true;
            }

            var inc = a <= b ? 1 : -1;
            for (var v = a; ; v += inc)
            {
                output.Add(v.ToString(CultureInfo.InvariantCulture));
                if (v == b)
                {
                    break;
                }
            }

            return true;
        }

        if (from.Length == 1 && to.Length == 1 && char.IsAsciiLetter(from[0]) && char.IsAsciiLetter(to[0]))
        {
            var inc = from[0] <= to[0] ? 1 : -1;
            for (var c = from[0]; ; c = (char)(c + inc))
            {
                output.Add(c.ToString());
                if (c == to[0])
                {
                    break;
                }
            }

            return true;
        }

        return false;
    }
}
