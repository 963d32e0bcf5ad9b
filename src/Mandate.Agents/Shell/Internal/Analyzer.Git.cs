namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    private void Git(CommandBuilder c)
    {
        var args = c.Args;
        var outerCwd = _scope.Cwd;
        var i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length == 0 || arg[0] != '-')
            {
                break;
            }

            var next = i + 1 < args.Count ? args[i + 1] : null;
            switch (arg)
            {
                case "-C" when next is not null:
                    _scope.Cwd = Resolve(next);
                    i++;
                    break;
                case "-c" when next is not null:
                    GitConfig(c, next);
                    i++;
                    break;
                case "--git-dir" or "--work-tree" or "--namespace" or "--super-prefix" when next is not null:
                    i++;
                    break;
                default:
                    if (arg.StartsWith("--exec-path=", StringComparison.Ordinal))
                    {
                        c.MarkOpaque("git runs programs from another path");
                    }
                    else if (arg.StartsWith("--config-env=", StringComparison.Ordinal))
                    {
                        c.ReadsEnvironment = true;
                        GitConfig(c, arg["--config-env=".Length..]);
                    }

                    break;
            }
        }

        if (i < args.Count)
        {
            GitSubcommand(c, args[i], args, i + 1);
        }

        _scope.Cwd = outerCwd;
    }

    /// <summary>git -c key=value: a computed value or a key that runs commands makes the command opaque.</summary>
    private static void GitConfig(CommandBuilder c, string setting)
    {
        if (ShellPath.IsDynamic(setting))
        {
            c.MarkOpaque("dynamic git config value");
        }

        var eq = setting.IndexOf('=', StringComparison.Ordinal);
        var key = (eq < 0 ? setting : setting[..eq]).ToLowerInvariant();
        if (IsExecutingGitKey(key))
        {
            c.MarkOpaque("git config runs commands");
        }
    }

    private static bool IsExecutingGitKey(string key) =>
        key is "core.sshcommand" or "core.pager" or "core.editor" or "core.fsmonitor" or "core.hookspath" or "core.gitproxy"
            or "core.askpass" or "credential.helper" or "diff.external" or "gpg.program" or "gpg.ssh.program" or "sequence.editor"
            or "protocol.ext.allow" or "uploadpack.packobjectshook" or "include.path" or "pager.log" or "pager.diff" or "pager.show"
            or "interactive.difffilter" or "merge.tool" or "diff.tool" or "remote.origin.uploadpack" or "remote.origin.receivepack"
        || key.StartsWith("alias.", StringComparison.Ordinal)
        || key.StartsWith("filter.", StringComparison.Ordinal)
        || key.StartsWith("includeif.", StringComparison.Ordinal)
        || key.StartsWith("pager.", StringComparison.Ordinal)
        || key.EndsWith(".textconv", StringComparison.Ordinal)
        || key.EndsWith(".command", StringComparison.Ordinal)
        || key.EndsWith(".cmd", StringComparison.Ordinal)
        || key.EndsWith(".helper", StringComparison.Ordinal)
        || key.EndsWith(".proxy", StringComparison.Ordinal)
        || key.EndsWith(".uploadpack", StringComparison.Ordinal)
        || key.EndsWith(".receivepack", StringComparison.Ordinal)
        || key.EndsWith(".driver", StringComparison.Ordinal);

    private void GitSubcommand(CommandBuilder c, string sub, List<string> args, int start)
    {
        switch (sub)
        {
            case "clone":
                var cloneOperands = GitOperands(c, args, start, "obcju", "origin|branch|config|jobs|depth|reference|reference-if-able|separate-git-dir|template|filter|shallow-since|shallow-exclude|server-option|bundle-uri|upload-pack|u");
                if (cloneOperands.Count > 0)
                {
                    c.AddHost(GitHost(cloneOperands[0]));
                }

                if (cloneOperands.Count > 1)
                {
                    AddWrite(c, cloneOperands[1]);
                }

                break;
            case "fetch" or "pull" or "ls-remote":
                var operands = GitOperands(c, args, start, "oj", "depth|deepen|shallow-since|shallow-exclude|refmap|upload-pack|jobs|server-option|negotiation-tip|filter|recurse-submodules-default|submodule-prefix|strategy|strategy-option|gpg-sign|log|rebase|s|X");
                if (operands.Count > 0)
                {
                    c.Remote = operands[0];
                    c.AddHost(RemoteHost(operands[0]));
                }

                break;
            case "push":
                GitPush(c, args, start);
                break;
            case "remote":
                GitRemote(c, args, start);
                break;
            case "submodule":
                if (start < args.Count && args[start] == "add")
                {
                    var submodule = GitOperands(c, args, start + 1, "b", "branch|name|reference|depth");
                    if (submodule.Count > 0)
                    {
                        c.AddHost(GitHost(submodule[0]));
                    }
                }

                break;
            case "archive":
                for (var i = start; i < args.Count; i++)
                {
                    if (args[i].StartsWith("--remote=", StringComparison.Ordinal))
                    {
                        c.AddHost(RemoteHost(args[i]["--remote=".Length..]));
                    }
                    else if (args[i].StartsWith("--output=", StringComparison.Ordinal))
                    {
                        AddWrite(c, args[i]["--output=".Length..]);
                    }
                    else if (args[i] is "-o" or "--output" && i + 1 < args.Count)
                    {
                        AddWrite(c, args[++i]);
                    }
                }

                break;
            case "apply" or "am":
                foreach (var patch in GitOperands(c, args, start, "pC", "directory|exclude|include|whitespace|build-fake-ancestor"))
                {
                    AddRead(c, patch);
                }

                break;
            case "bundle":
                if (start + 1 < args.Count && args[start] == "create")
                {
                    AddWrite(c, args[start + 1]);
                }

                break;
            case "config":
                GitConfigCommand(c, args, start);
                break;
        }
    }

    private static List<string> GitOperands(CommandBuilder c, List<string> args, int start, string shortValue, string longValue)
    {
        var operands = new List<string>();
        var scanner = new ArgScanner(args, start, shortValue, longValue);
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                operands.Add(token.Name);
            }
            else if (token.Name is "upload-pack" or "receive-pack" or "exec" or "u")
            {
                c.MarkOpaque("git runs a remote helper program");
            }
            else if (token.Name is "c" or "config" && token.Value is not null)
            {
                GitConfig(c, token.Value);
            }
        }

        return operands;
    }

    private void GitPush(CommandBuilder c, List<string> args, int start)
    {
        c.IsPush = true;
        var scanner = new ArgScanner(args, start, "o", "repo|push-option|receive-pack|exec");
        var operands = new List<string>();
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                operands.Add(token.Name);
                continue;
            }

            switch (token.Name)
            {
                case "f" or "force" or "force-with-lease" or "force-if-includes" or "mirror" or "delete" or "d" or "prune":
                    c.IsForce = true;
                    break;
                case "repo" when token.Value is not null:
                    c.Remote = token.Value;
                    c.AddHost(RemoteHost(token.Value));
                    break;
                case "receive-pack" or "exec":
                    c.MarkOpaque("git runs a remote helper program");
                    break;
            }
        }

        if (operands.Count > 0)
        {
            c.Remote = operands[0];
            c.AddHost(RemoteHost(operands[0]));
        }

        for (var i = 1; i < operands.Count; i++)
        {
            if (operands[i].StartsWith('+') || operands[i].StartsWith(':'))
            {
                c.IsForce = true;
            }
        }
    }

    private void GitRemote(CommandBuilder c, List<string> args, int start)
    {
        if (start >= args.Count)
        {
            return;
        }

        var action = args[start];
        if (action is not ("add" or "set-url"))
        {
            return;
        }

        var operands = GitOperands(c, args, start + 1, "tm", "track|master|mirror?");
        if (operands.Count < 2)
        {
            return;
        }

        var name = operands[0];
        var url = operands[1];
        _scope.Remotes[name] = url;
        c.Remote = name;
        c.AddHost(GitHost(url));
    }

    private static void GitConfigCommand(CommandBuilder c, List<string> args, int start)
    {
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length == 0 || arg[0] == '-')
            {
                continue;
            }

            if (IsExecutingGitKey(arg.ToLowerInvariant()) && i + 1 < args.Count)
            {
                c.MarkOpaque("git config runs commands");
            }

            if (arg.StartsWith("remote.", StringComparison.OrdinalIgnoreCase) && arg.EndsWith(".url", StringComparison.OrdinalIgnoreCase) && i + 1 < args.Count)
            {
                c.AddHost(GitHost(args[i + 1]));
            }

            return;
        }
    }

    /// <summary>A remote name added earlier in the same command, or a URL.</summary>
    private HostRef? RemoteHost(string remote) =>
        _scope.Remotes.TryGetValue(remote, out var url) ? GitHost(url) : GitHost(remote);

    /// <summary>Hosts of git URLs: https://, ssh://, git://, and scp-like user@host:path.</summary>
    private static HostRef? GitHost(string url)
    {
        if (url.Contains("://", StringComparison.Ordinal))
        {
            return url.StartsWith("file://", StringComparison.Ordinal) ? null : HostParser.FromUrl(url, null);
        }

        return HostParser.FromRemotePath(url, 22);
    }
}
