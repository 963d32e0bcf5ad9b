namespace Mandate.Agents.Decisions;

/// <summary>
/// What a command that reads a directory whole (<c>grep -r KEY .</c>) would read that the guardrails care about:
/// files in hidden places (<c>.env</c>, <c>.aws/credentials</c>, <c>.npmrc</c>) and files named like keys or
/// credentials. Those are only known on disk, so the tree is walked, breadth first and bounded: a tree too large
/// to walk in the budget is reported as not fully seen, and the command is asked about rather than allowed. Each
/// symbolic link counts as the file or directory it points to.
/// </summary>
internal static class TreeScan
{
    /// <summary>Directory entries looked at per command, at most (a few milliseconds of walking).</summary>
    public const int EntryBudget = 10_000;

    /// <summary>Files handed to the guardrails, at most; more means the tree is not fully seen.</summary>
    public const int CandidateLimit = 256;

    private static readonly string[] KeyLike = [".pem", ".key", ".p12", ".pfx", ".tfstate", ".keystore", ".jks"];

    private static readonly string[] NameLike = ["id_rsa", "id_ecdsa", "id_ed25519", "id_dsa", "credentials", "secret", "token", "password"];

    private static readonly EnumerationOptions Options = new()
    {
        AttributesToSkip = 0, // hidden files are exactly what this is looking for
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The candidate files under <paramref name="root"/>, and whether the whole tree was seen.</summary>
    public static (IReadOnlyList<string> Candidates, bool Complete) Scan(string root)
    {
        var candidates = new List<string>();
        if (root.Contains('\u2217', StringComparison.Ordinal))
        {
            return (candidates, false); // a directory named at run time: what it holds cannot be known here
        }

        if (!Directory.Exists(root))
        {
            return (candidates, true); // a file (its own read is checked) or nothing at all
        }

        var pending = new Queue<(string Dir, bool Hidden)>();
        pending.Enqueue((root, false));
        var seen = 0;
        while (pending.TryDequeue(out var next))
        {
            try
            {
                foreach (var entry in new DirectoryInfo(next.Dir).EnumerateFileSystemInfos("*", Options))
                {
                    if (++seen > EntryBudget)
                    {
                        return (candidates, false);
                    }

                    var hidden = next.Hidden || entry.Name.StartsWith('.');
                    if (entry.LinkTarget is not null)
                    {
                        // A link is read where it points (grep -R and tar -h follow links): the guardrails judge its
                        // target (a link named 'notes' to ~/.aws/credentials). Links are not walked into.
                        candidates.Add(entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? entry.FullName);
                    }
                    else if (entry is DirectoryInfo dir)
                    {
                        if (entry.Name != ".git") // .git holds objects, not secrets
                        {
                            pending.Enqueue((dir.FullName, hidden));
                        }
                    }
                    else if (hidden || IsKeyLike(entry.Name))
                    {
                        candidates.Add(entry.FullName);
                        if (candidates.Count > CandidateLimit)
                        {
                            return (candidates, false);
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (candidates, false); // what cannot be listed cannot be said to hold no secret
            }
        }

        return (candidates, true);
    }

    private static bool IsKeyLike(string name) =>
        KeyLike.Any(x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase)) ||
        NameLike.Any(x => name.Contains(x, StringComparison.OrdinalIgnoreCase));
}
