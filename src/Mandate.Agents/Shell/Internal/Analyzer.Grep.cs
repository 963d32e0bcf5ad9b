namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    /// <summary>grep and its kin: the pattern, the files read, and the directories read whole (<c>-r</c>; hidden files as each program treats them).</summary>
    private void Grep(CommandBuilder c)
    {
        var args = c.Args;
        var (shortValue, longValue) = c.Program switch
        {
            "rg" => ("efgmABCjMtTrE", "regexp|file|glob|iglob|max-count|after-context|before-context|context|threads|max-columns|type|type-not|replace|encoding|type-add|type-clear|max-depth|max-filesize|sort|sortr|path-separator|pre|pre-glob|colors|color|context-separator|field-match-separator|engine|ignore-file|dfa-size-limit|regex-size-limit"),
            "ag" => ("ABCGgmp", "after|before|context|file-search-regex|max-count|path-to-ignore|ignore|depth|pager"),
            _ => ("efmABCdD", "regexp|file|max-count|after-context|before-context|context|devices|directories|include|exclude|exclude-dir|exclude-from|label|color|colour|binary-files|group-separator"),
        };
        var scanner = new ArgScanner(args, 0, shortValue, longValue);
        var havePattern = false;
        var recursive = c.Program is "rg" or "ag" or "ack" or "git-grep";

        // grep -r reads hidden files; rg and ag skip them (and what .gitignore lists) unless told otherwise; git grep reads only tracked files.
        var hidden = c.Program is "grep" or "egrep" or "fgrep" or "zgrep" or "ack";
        var unrestricted = 0;
        var files = new List<string>();
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                if (havePattern)
                {
                    files.Add(token.Name);
                }
                else
                {
                    havePattern = true;
                }

                continue;
            }

            switch (token.Name)
            {
                case "e" or "regexp":
                    havePattern = true;
                    break;
                case "f" or "file" when token.Value is not null:
                    havePattern = true;
                    AddRead(c, token.Value);
                    break;
                case "r" or "R" or "recursive" or "dereference-recursive":
                    recursive = true;
                    break;
                case "pre" when c.Program == "rg":
                    c.MarkOpaque("rg --pre runs a command");
                    break;
                case "hidden" or "." when c.Program is "rg" or "ag":
                    hidden = true;
                    break;
                case "u" or "unrestricted" when c.Program is "rg" or "ag":
                    hidden |= c.Program == "ag" || ++unrestricted >= 2; // rg -uu, ag -u
                    break;
            }
        }

        if (files.Count == 0 && recursive)
        {
            files.Add(".");
        }

        foreach (var file in files.Where(f => f != "-"))
        {
            if (recursive && hidden && c.Program != "git-grep")
            {
                c.AddTreeRead(Resolve(file));
            }
            else
            {
                AddRead(c, file);
            }
        }
    }
}
