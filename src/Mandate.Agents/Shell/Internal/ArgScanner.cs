namespace Mandate.Agents.Shell.Internal;

/// <summary>
/// Walks an argument list getopt-style: clustered short options (-sSLo file), long options with
/// "=value" or a separate value, "--" ending the options. Which options take a value is given as
/// the letters of <c>shortWithValue</c> and a "|"-separated list of long names.
/// </summary>
internal struct ArgScanner(List<string> args, int start, string shortWithValue, string longWithValue, bool stopAtOperand = false)
{
    private int _index = start;
    private int _cluster = -1;
    private bool _optionsEnded;

    /// <summary>Index of the next argument not yet consumed.</summary>
    public readonly int Position => _index;

    public bool Next(out ArgToken token)
    {
        if (_cluster > 0)
        {
            return NextInCluster(out token);
        }

        if (_index >= args.Count)
        {
            token = default;
            return false;
        }

        var arg = args[_index];
        if (_optionsEnded || arg.Length < 2 || arg[0] != '-')
        {
            token = new ArgToken(true, false, arg, null, _index);
            _index++;
            if (stopAtOperand)
            {
                _optionsEnded = true;
            }

            return true;
        }

        if (arg == "--")
        {
            _optionsEnded = true;
            _index++;
            return Next(out token);
        }

        if (arg[1] == '-')
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var index = _index;
            _index++;
            if (eq > 0)
            {
                token = new ArgToken(false, true, arg[2..eq], arg[(eq + 1)..], index);
                return true;
            }

            var name = arg[2..];
            string? value = null;
            if (ListContains(longWithValue, name) && _index < args.Count)
            {
                value = args[_index];
                _index++;
            }

            token = new ArgToken(false, true, name, value, index);
            return true;
        }

        _cluster = 1;
        return NextInCluster(out token);
    }

    private bool NextInCluster(out ArgToken token)
    {
        var arg = args[_index];
        var index = _index;
        var c = arg[_cluster];
        _cluster++;
        string? value = null;
        if (shortWithValue.Contains(c, StringComparison.Ordinal))
        {
            if (_cluster < arg.Length)
            {
                value = arg[_cluster..];
            }
            else if (_index + 1 < args.Count)
            {
                value = args[_index + 1];
                _index++;
            }

            _cluster = arg.Length;
        }

        if (_cluster >= arg.Length)
        {
            _cluster = -1;
            _index++;
        }

        token = new ArgToken(false, false, c.ToString(), value, index);
        return true;
    }

    /// <summary>True when <paramref name="name"/> is one of the "|"-separated names in <paramref name="list"/>.</summary>
    public static bool ListContains(string list, string name)
    {
        var span = list.AsSpan();
        while (!span.IsEmpty)
        {
            var bar = span.IndexOf('|');
            var item = bar < 0 ? span : span[..bar];
            if (item.SequenceEqual(name))
            {
                return true;
            }

            span = bar < 0 ? default : span[(bar + 1)..];
        }

        return false;
    }
}
