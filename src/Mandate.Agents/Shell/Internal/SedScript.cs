namespace Mandate.Agents.Shell.Internal;

/// <summary>
/// Scans a sed script for the commands that reach outside the stream: "e" and the "e" flag of "s"
/// execute commands, "w"/"W" and the "w" flag write files, "r"/"R" read files.
/// </summary>
internal static class SedScript
{
    /// <summary>Returns a reason when the script executes commands or cannot be scanned; adds files to the lists.</summary>
    public static string? Scan(string script, List<string> reads, List<string> writes)
    {
        var i = 0;
        var steps = 0;
        while (i < script.Length)
        {
            if (++steps > script.Length + 16)
            {
                return "sed script could not be analysed";
            }

            var c = script[i];
            if (c is ' ' or '\t' or '\n' or ';' or '{' or '}' or '!')
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                i = LineEnd(script, i);
                continue;
            }

            // Addresses: numbers, $, /re/, \cREc, first~step, addr1,addr2.
            if (char.IsAsciiDigit(c) || c is '$' or ',' or '~' or '+')
            {
                i++;
                continue;
            }

            if (c == '/' || c == '\\')
            {
                var delimiter = c == '\\' && i + 1 < script.Length ? script[++i] : '/';
                i = SkipDelimited(script, i + 1, delimiter);
                if (i < 0)
                {
                    return "sed script could not be analysed";
                }

                // Address flags I and M.
                while (i < script.Length && script[i] is 'I' or 'M')
                {
                    i++;
                }

                continue;
            }

            i++;
            switch (c)
            {
                case 'e':
                    return "sed e command executes a shell command";
                case 'w' or 'W':
                    writes.Add(ReadFileName(script, ref i));
                    break;
                case 'r' or 'R':
                    reads.Add(ReadFileName(script, ref i));
                    break;
                case 'a' or 'i' or 'c':
                    i = LineEnd(script, i);
                    break;
                case 'b' or 't' or 'T' or ':':
                    while (i < script.Length && script[i] is not (';' or '\n'))
                    {
                        i++;
                    }

                    break;
                case 's' or 'y':
                    if (i >= script.Length)
                    {
                        return "sed script could not be analysed";
                    }

                    var delimiter = script[i];
                    i = SkipDelimited(script, i + 1, delimiter);
                    i = i < 0 ? -1 : SkipDelimited(script, i, delimiter);
                    if (i < 0)
                    {
                        return "sed script could not be analysed";
                    }

                    if (c == 's')
                    {
                        while (i < script.Length && script[i] is not (';' or '\n' or '}'))
                        {
                            var flag = script[i];
                            i++;
                            if (flag == 'e')
                            {
                                return "sed s///e executes a shell command";
                            }

                            if (flag == 'w')
                            {
                                writes.Add(ReadFileName(script, ref i));
                                break;
                            }
                        }
                    }

                    break;
                case 'q' or 'Q' or 'l' or 'L':
                    while (i < script.Length && (char.IsAsciiDigit(script[i]) || script[i] == ' '))
                    {
                        i++;
                    }

                    break;
                case 'd' or 'D' or 'p' or 'P' or 'n' or 'N' or 'g' or 'G' or 'h' or 'H' or 'x' or 'z' or '=' or 'F':
                    break;
                default:
                    return "sed script could not be analysed";
            }
        }

        return null;
    }

    private static int LineEnd(string script, int i)
    {
        var end = script.IndexOf('\n', i);
        return end < 0 ? script.Length : end;
    }

    /// <summary>Skips to after the next unescaped <paramref name="delimiter"/>; -1 when there is none.</summary>
    private static int SkipDelimited(string script, int i, char delimiter)
    {
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == delimiter)
            {
                return i + 1;
            }

            i++;
        }

        return -1;
    }

    private static string ReadFileName(string script, ref int i)
    {
        while (i < script.Length && script[i] == ' ')
        {
            i++;
        }

        var end = LineEnd(script, i);
        var name = script[i..end];
        i = end;
        return name;
    }
}
