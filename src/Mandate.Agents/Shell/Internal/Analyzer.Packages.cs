namespace Mandate.Agents.Shell.Internal;

internal sealed partial class Analyzer
{
    /// <summary>The first operand of <paramref name="args"/> (the subcommand), options skipped; "" when there is none.</summary>
    private static string Subcommand(List<string> args, out int index)
    {
        for (index = 0; index < args.Count; index++)
        {
            if (args[index].Length > 0 && args[index][0] != '-')
            {
                return args[index];
            }
        }

        return "";
    }

    /// <summary>Adds <paramref name="host"/>:443 when the subcommand is one of <paramref name="subcommands"/> ("" = none given).</summary>
    private static void Registry(CommandBuilder c, string host, string subcommands)
    {
        var sub = Subcommand(c.Args, out _);
        if (ArgScanner.ListContains(subcommands, sub))
        {
            c.AddHost(new HostRef(host, 443, false));
        }

        AddUrlOperands(c);
    }

    /// <summary>URLs given anywhere in the arguments (registries, git+https dependencies) are reached.</summary>
    private static void AddUrlOperands(CommandBuilder c)
    {
        foreach (var arg in c.Args)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var value = arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? arg[(eq + 1)..] : arg;
            var plus = value.IndexOf('+', StringComparison.Ordinal);
            if (plus > 0 && plus < value.IndexOf("://", StringComparison.Ordinal))
            {
                value = value[(plus + 1)..];
            }

            if (HostParser.IsUrl(value) && !value.StartsWith("file://", StringComparison.Ordinal))
            {
                c.AddHost(HostParser.FromUrl(value, null));
            }
        }
    }

    private static void Npm(CommandBuilder c)
    {
        if (c.Program is "npx" or "pnpx")
        {
            c.AddHost(new HostRef("registry.npmjs.org", 443, false));
            return;
        }

        var sub = Subcommand(c.Args, out var index);
        var reaches = sub is "install" or "i" or "ci" or "add" or "publish" or "update" or "up" or "upgrade" or "outdated"
            or "audit" or "dlx" or "exec" or "x" or "create" or "init" or "view" or "info" or "show" or "fetch" or "install-test"
            or "it" or "isntall" or "login" or "adduser" or "unpublish" or "deprecate" or "dist-tag" or "search" or "pack";
        if (c.Program == "yarn" && sub.Length == 0)
        {
            reaches = true;
        }

        if (sub is "init" && index + 1 >= c.Args.Count)
        {
            reaches = false;
        }

        if (reaches)
        {
            c.AddHost(new HostRef("registry.npmjs.org", 443, false));
        }

        AddUrlOperands(c);
    }

    private static void DotNet(CommandBuilder c)
    {
        var args = c.Args;
        var sub = Subcommand(args, out var index);
        var reaches = false;
        switch (sub)
        {
            case "restore":
                reaches = true;
                break;
            case "build" or "test" or "run" or "publish" or "pack" or "watch":
                reaches = !args.Contains("--no-restore") && !args.Contains("--no-build");
                break;
            case "add" or "remove":
                reaches = sub == "add" && args.Contains("package");
                break;
            case "nuget":
                if (index + 1 < args.Count && args[index + 1] is "push" or "delete")
                {
                    var source = args.IndexOf("-s") is var s and >= 0 ? s : args.IndexOf("--source");
                    if (source >= 0 && source + 1 < args.Count)
                    {
                        c.AddHost(HostParser.FromUrl(args[source + 1], 443));
                    }
                    else
                    {
                        reaches = true;
                    }
                }

                break;
            case "tool" or "workload" or "new":
                reaches = index + 1 < args.Count && args[index + 1] is "install" or "update" or "restore" or "search";
                break;
        }

        if (reaches)
        {
            c.AddHost(new HostRef("api.nuget.org", 443, false));
        }

        AddUrlOperands(c);
    }

    private void Pip(CommandBuilder c)
    {
        var args = c.Args;
        var sub = Subcommand(args, out var index);
        if (c.Program == "uv" && sub == "pip" && index + 1 < args.Count)
        {
            sub = args[index + 1];
        }

        var reaches = c.Program switch
        {
            "pip" or "pip3" => sub is "install" or "download" or "wheel" or "search" or "index",
            "uvx" => true,
            _ => sub is "install" or "download" or "wheel" or "add" or "sync" or "lock" or "update" or "upgrade" or "publish"
                or "upload" or "tool" or "run" or "inject",
        };
        if (c.Program is "pip" or "pip3" && sub is "install" && args.Contains("--no-index"))
        {
            reaches = false;
        }

        if (reaches)
        {
            c.AddHost(new HostRef("pypi.org", 443, false));
            c.AddHost(new HostRef("files.pythonhosted.org", 443, false));
        }

        AddUrlOperands(c);
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] is "-i" or "--index-url" or "--extra-index-url" or "-f" or "--find-links" or "--default-index" or "--index")
            {
                c.AddHost(HostParser.FromUrl(args[i + 1], null));
            }

            if (args[i] is "-r" or "--requirement" or "-c" or "--constraint")
            {
                AddRead(c, args[i + 1]);
            }
        }
    }

    private static void Go(CommandBuilder c)
    {
        var args = c.Args;
        var sub = Subcommand(args, out var index);
        var reaches = sub switch
        {
            "get" => true,
            "mod" => index + 1 < args.Count && args[index + 1] is "download" or "tidy" or "vendor",
            "install" or "run" => args.Exists(a => a.Contains('@', StringComparison.Ordinal)),
            _ => false,
        };
        if (reaches)
        {
            c.AddHost(new HostRef("proxy.golang.org", 443, false));
        }
    }
}
