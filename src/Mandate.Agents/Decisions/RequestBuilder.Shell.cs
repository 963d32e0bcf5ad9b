using Mandate.Agents.Shell.Internal;
using Mandate.Agents.Shell;

namespace Mandate.Agents.Decisions;

public static partial class RequestBuilder
{
    /// <summary>Wrappers that only run the command inside them; the inner command is what is checked.</summary>
    private static readonly HashSet<string> Transparent = new(StringComparer.Ordinal)
    {
        "bash", "sh", "zsh", "dash", "ksh", "env", "command", "builtin", "exec", "nohup", "nice", "timeout", "time",
        "stdbuf", "xargs", "eval", "ionice", "setsid", "watch", "flock",
    };

    private static readonly char[] CodeDelimiters = ['"', '\'', '(', ')', '{', '}', ';', ',', '|', '&', '<', '>', ' ', '\t', '\n', '`', '+', '[', ']'];

    private static readonly HashSet<string> RecursiveFlags = new(StringComparer.Ordinal) { "-r", "-R", "-rf", "-fr", "-Rf", "-fR", "--recursive", "-rfv", "-vrf" };

    private static void AddShell(List<DerivedRequest> requests, ShellAnalysis analysis, ToolContext context)
    {
        if (analysis.Error is not null)
        {
            // Unparseable input is denied by a guardrail (shell.unparseable), never merely asked about: Mandate fails closed.
            requests.Add(Exec("", [], opaque: true, analysis.Error, "", readsEnvironment: false, [], null) with
            {
                Resource = Resources.Command("", [], opaque: true, analysis.Error, "", readsEnvironment: false, [], parsed: false),
            });
        }

        foreach (var command in analysis.Commands)
        {
            var (treeFiles, treeSeen) = ScanTrees(command);
            var wrapperOnly = Transparent.Contains(command.Program) && !command.Opaque && !command.ReadsEnvironment && command.Hosts.Count == 0;
            if (!treeSeen && !command.Opaque)
            {
                // Not every file it reads could be seen: asked about, as a command that cannot be analysed is.
                var unseen = $"it reads a directory named at run time, or one too large to check for secret files (over {TreeScan.EntryBudget} entries or {TreeScan.CandidateLimit} hidden files)";
                requests.Add(Exec(command.Program, command.Args, opaque: true, unseen, command.Via, command.ReadsEnvironment, Deletes(command), command.ProgramPath) with
                {
                    Summary = $"run {command.Program}, which {unseen}",
                });
            }
            else if (!wrapperOnly)
            {
                requests.Add(Exec(
                    command.Program,
                    command.Args,
                    command.Opaque || command.Program.Length == 0,
                    command.OpaqueReason ?? (command.Program.Length == 0 ? "dynamic command name" : null),
                    command.Via,
                    command.ReadsEnvironment,
                    Deletes(command),
                    command.ProgramPath,
                    command.Opaque && (Transparent.Contains(command.Program) || command.ProgramPath is not null)));
            }

            AddFiles(requests, "fs.read", command.Reads, context);
            foreach (var file in treeFiles)
            {
                requests.Add(GuardRead(file, $"{command.Program} reads {file} (inside a directory it reads whole)", context));
            }

            AddFiles(requests, "fs.write", command.Writes, context);
            AddPathArguments(requests, command, context);

            // A URL whose text is computed when the command runs (?d=$(…)) can carry data out whatever its host.
            var computedUrl = command.Args.Any(a => a.Contains("://", StringComparison.Ordinal) && a.Contains('\u2217', StringComparison.Ordinal));
            foreach (var host in command.Hosts)
            {
                AddHost(requests, host.Name, host.Port, computedUrl || host.Dynamic || host.Name.Contains('\u2217', StringComparison.Ordinal), command.Program);
            }

            if (command.IsPush)
            {
                var remote = command.Remote ?? "";
                var url = RepoTarget(remote);
                requests.Add(new DerivedRequest
                {
                    Action = "repo.push",
                    Resource = Resources.Repo(remote, url ?? "", command.IsForce),
                    Summary = $"git push{(command.IsForce ? " --force" : "")} {remote}".TrimEnd(),
                    Kind = "repo",
                    Verb = "push",
                    Targets = url is null ? [] : [url],
                    Unscoped = url is null, // a remote name: its URL is not known here, so the push guardrail (ask) decides
                });
            }
        }
    }

    /// <summary>The files of interest inside the directories a command reads whole (<see cref="TreeScan"/>), and whether all were seen.</summary>
    private static (List<string> Files, bool Seen) ScanTrees(SimpleCommand command)
    {
        var files = new List<string>();
        var seen = true;
        foreach (var dir in command.TreeReads)
        {
            var (candidates, complete) = TreeScan.Scan(dir);
            files.AddRange(candidates.Where(f => !command.Reads.Contains(f, StringComparer.Ordinal)));
            seen &= complete;
        }

        return (files, seen);
    }

    private static DerivedRequest Exec(
        string program,
        IReadOnlyList<string> args,
        bool opaque,
        string? reason,
        string via,
        bool readsEnvironment,
        IReadOnlyList<string> deletes,
        string? programPath,
        bool unscoped = false) => new()
        {
            Action = "exec",
            Resource = Resources.Command(program, args, opaque, reason, via, readsEnvironment, deletes),
            Summary = program.Length == 0 ? "run a command whose name is computed at run time" : $"run {program}",
            Kind = "exec",
            Verb = "run",
            Targets = program.Length == 0 ? [] : programPath is null ? [program] : [program, programPath],
            Unscoped = unscoped || program.Length == 0,
        };

    /// <summary>What a recursive <c>rm</c> removes, by name; empty for anything else.</summary>
    private static IReadOnlyList<string> Deletes(SimpleCommand command)
    {
        if (command.Program != "rm" || !command.Args.Any(RecursiveFlags.Contains))
        {
            return [];
        }

        return [.. command.Args.Where(a => !a.StartsWith('-'))
            .Select(a => a.TrimEnd('/'))
            .Select(a => a.Length == 0 ? "/" : a[(a.LastIndexOf('/') + 1)..])
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every argument that looks like a path is checked against the guardrails as a read, whatever the program:
    /// <c>gh gist create .env</c>, <c>ls ~/.ssh</c>, <c>tar czf x.tgz ~/.aws</c>. Only forbids apply to these.
    /// </summary>
    private static void AddPathArguments(List<DerivedRequest> requests, SimpleCommand command, ToolContext context)
    {
        // Code Mandate cannot analyse (awk 'BEGIN{system("cat .env")}', python -c "open('.env')") is searched for path-like words.
        var words = command.Opaque
            ? command.Args.SelectMany(a => a.Split(CodeDelimiters, StringSplitOptions.RemoveEmptyEntries))
            : command.Args;
        foreach (var arg in words)
        {
            var value = arg.StartsWith('-') && arg.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq ? arg[(eq + 1)..] : arg;
            value = value.StartsWith('@') ? value[1..] : value;
            if (value.Length == 0 || value.StartsWith('-') || value.Contains("://", StringComparison.Ordinal) || value.Contains('\u2217', StringComparison.Ordinal)
                || !(value.Contains('/', StringComparison.Ordinal) || value.StartsWith('.') || value.StartsWith('~')))
            {
                continue;
            }

            var path = ShellPath.Resolve(value, context.Cwd, context.Home);
            if (command.Writes.Contains(path, StringComparer.Ordinal) || command.Reads.Contains(path, StringComparer.Ordinal))
            {
                continue; // a destination (cp x .env) is written, not read; a known read already has its request
            }

            requests.Add(GuardRead(path, $"{command.Program} is given {path}", context));
        }
    }

    /// <summary>A read only the guardrails judge (forbids apply, the mandate's scope does not): what a command may read without naming it.</summary>
    private static DerivedRequest GuardRead(string path, string summary, ToolContext context) => new()
    {
        Action = "fs.read",
        Resource = Resources.File(path, context),
        Summary = summary,
        Kind = "fs",
        Verb = "read",
        Targets = [path],
        GuardOnly = true,
    };

    /// <summary>A push remote given as a URL, as a <c>repo:</c> target (<c>github.com/org/repo</c>); null for a remote name.</summary>
    private static string? RepoTarget(string remote)
    {
        if (Uri.TryCreate(remote, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var path = uri.AbsolutePath.Trim('/');
            path = path.EndsWith(".git", StringComparison.Ordinal) ? path[..^4] : path;
            return path.Length == 0 ? null : $"{uri.Host.ToLowerInvariant()}/{path}";
        }

        // scp-like: git@github.com:org/repo.git
        var at = remote.IndexOf('@', StringComparison.Ordinal);
        var colon = remote.IndexOf(':', StringComparison.Ordinal);
        if (at >= 0 && colon > at)
        {
            var path = remote[(colon + 1)..].Trim('/');
            path = path.EndsWith(".git", StringComparison.Ordinal) ? path[..^4] : path;
            return $"{remote[(at + 1)..colon].ToLowerInvariant()}/{path}";
        }

        return null;
    }
}
