namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    /// <summary>
    /// Expands <paramref name="word"/> into fields: quote removal, known variables, "∗" for what is
    /// computed at run time, splitting on unquoted $IFS and on unquoted known values with blanks,
    /// and brace expansion. Nested scripts are queued in <paramref name="pending"/>.
    /// </summary>
    private void ExpandWord(Word word, List<string> fields, List<PendingScript> pending, ref ExpandFlags flags)
    {
        var sb = _sb;
        sb.Clear();
        var hasField = false;
        var brace = false;
        foreach (var part in word.Parts)
        {
            switch (part.Kind)
            {
                case WordPartKind.Literal:
                    sb.Append(part.Text);
                    hasField = true;
                    brace |= !part.Quoted && part.Text.Contains('{', StringComparison.Ordinal);
                    break;
                case WordPartKind.Tilde:
                    sb.Append(_home);
                    hasField = true;
                    break;
                case WordPartKind.Parameter:
                    if (part.Text == "IFS")
                    {
                        flags.Ifs = true;
                        SplitOrStar(part.Quoted, fields, ref hasField, ref brace, ref flags);
                        break;
                    }

                    var value = Lookup(part.Text, ref flags);
                    if (value is null)
                    {
                        AppendDynamic(ref hasField);
                    }
                    else if (part.Quoted)
                    {
                        sb.Append(value);
                        hasField = true;
                    }
                    else
                    {
                        AppendSplit(value, fields, ref hasField, ref brace, ref flags);
                    }

                    break;
                case WordPartKind.ComplexParameter:
                    AddScripts(part, pending);
                    if (part.Text == "IFS")
                    {
                        flags.Ifs = true;
                        SplitOrStar(part.Quoted, fields, ref hasField, ref brace, ref flags);
                        break;
                    }

                    _ = Lookup(part.Text, ref flags);
                    AppendDynamic(ref hasField);
                    break;
                case WordPartKind.Substitution:
                case WordPartKind.Arithmetic:
                    AddScripts(part, pending);
                    AppendDynamic(ref hasField);
                    break;
            }
        }

        Flush(fields, hasField, brace, ref flags);
    }

    private static void AddScripts(WordPart part, List<PendingScript> pending)
    {
        if (part.Scripts is null)
        {
            return;
        }

        foreach (var script in part.Scripts)
        {
            pending.Add(new PendingScript(script, part.Via));
        }
    }

    private void AppendDynamic(ref bool hasField)
    {
        if (_sb.Length == 0 || _sb[^1] != ShellPath.Dynamic)
        {
            _sb.Append(ShellPath.Dynamic);
        }

        hasField = true;
    }

    /// <summary>Unquoted $IFS splits the word here; quoted it inserts blanks the analyser shows as dynamic.</summary>
    private void SplitOrStar(bool quoted, List<string> fields, ref bool hasField, ref bool brace, ref ExpandFlags flags)
    {
        if (quoted)
        {
            AppendDynamic(ref hasField);
            return;
        }

        Flush(fields, hasField, brace, ref flags);
        _sb.Clear();
        hasField = false;
        brace = false;
    }

    /// <summary>An unquoted known value splits on blanks like the shell does.</summary>
    private void AppendSplit(string value, List<string> fields, ref bool hasField, ref bool brace, ref ExpandFlags flags)
    {
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c is ' ' or '\t' or '\n')
            {
                Flush(fields, hasField, brace, ref flags);
                _sb.Clear();
                hasField = false;
                brace = false;
                while (i < value.Length && value[i] is ' ' or '\t' or '\n')
                {
                    i++;
                }

                continue;
            }

            _sb.Append(c);
            hasField = true;
            i++;
        }
    }

    private void Flush(List<string> fields, bool hasField, bool brace, ref ExpandFlags flags)
    {
        if (!hasField)
        {
            return;
        }

        var text = _sb.ToString();
        if (brace && BraceExpander.HasGroup(text))
        {
            var start = fields.Count;
            if (!BraceExpander.Expand(text, fields))
            {
                fields.RemoveRange(start, fields.Count - start);
                fields.Add(text);
                flags.BraceOverflow = true;
            }

            return;
        }

        fields.Add(text);
    }

    /// <summary>Expands a word to one string (assignment values, redirection targets); null when any part is dynamic.</summary>
    private string ExpandToString(Word word, List<PendingScript> pending, ref ExpandFlags flags, out bool dynamic)
    {
        var sb = _sb;
        sb.Clear();
        foreach (var part in word.Parts)
        {
            switch (part.Kind)
            {
                case WordPartKind.Literal:
                    sb.Append(part.Text);
                    break;
                case WordPartKind.Tilde:
                    sb.Append(_home);
                    break;
                case WordPartKind.Parameter:
                    if (part.Text == "IFS")
                    {
                        flags.Ifs = true;
                    }

                    var value = part.Text == "IFS" ? null : Lookup(part.Text, ref flags);
                    if (value is null)
                    {
                        var ignored = true;
                        AppendDynamic(ref ignored);
                    }
                    else
                    {
                        sb.Append(value);
                    }

                    break;
                default:
                    AddScripts(part, pending);
                    if (part.Text == "IFS")
                    {
                        flags.Ifs = true;
                    }

                    var dummy = true;
                    AppendDynamic(ref dummy);
                    break;
            }
        }

        var text = sb.ToString();
        // "~" after ':' or at the start of an assignment value expands too (PATH=~/bin:~/x).
        if (text.StartsWith("~/", StringComparison.Ordinal))
        {
            text = _home + text[1..];
        }

        dynamic = ShellPath.IsDynamic(text);
        return text;
    }

    /// <summary>The value of a variable when it is known; null when it comes from the environment or run time.</summary>
    private string? Lookup(string name, ref ExpandFlags flags)
    {
        if (_scope.Vars.TryGetValue(name, out var value))
        {
            return value;
        }

        switch (name)
        {
            case "HOME":
                return _home;
            case "PWD":
                return ShellPath.IsDynamic(_scope.Cwd) ? null : _scope.Cwd;
            default:
                if (IsSecretName(name))
                {
                    flags.SecretVariable = true;
                }

                return null;
        }
    }

    private static readonly string[] SecretMarkers =
        ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "ACCESS_KEY", "PRIVATE_KEY", "CREDENTIAL", "AUTH"];

    private static bool IsSecretName(string name)
    {
        foreach (var marker in SecretMarkers)
        {
            if (name.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
