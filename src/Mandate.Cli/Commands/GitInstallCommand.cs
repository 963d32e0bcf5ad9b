using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate install git [--repo &lt;dir&gt;]</c>: makes a repository's git ask Mandate for GitHub credentials. Writes,
/// with <c>git config --local</c> (every other setting kept): <c>credential.&lt;url&gt;.helper</c> = an empty value, which
/// drops the helpers configured before it for that URL (the developer's own keychain or store), then
/// <c>&lt;this binary&gt; credential git</c>; and <c>credential.useHttpPath = true</c>, so the helper sees the repository.
/// </summary>
internal static class GitInstallCommand
{
    private static readonly Option<string?> Repo = new("--repo") { Description = "The repository (its work tree or .git directory) [default: the current directory]." };
    private static readonly Option<string> Url = new("--url") { Description = "The remote the helper answers for.", DefaultValueFactory = _ => "https://github.com" };

    public static Command Create()
    {
        var command = new Command("git", "Make a repository's git get short-lived GitHub tokens from 'mandate credential git' (and from no other helper) for --url.") { Repo, Url };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var repo = Path.GetFullPath(parse.GetValue(Repo) ?? Environment.CurrentDirectory);
        var url = parse.GetValue(Url)!.TrimEnd('/');
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0)
        {
            return ctx.Output.Usage($"'{url}' is not a remote's base URL.", "Pass --url https://github.com (scheme and host, no path).");
        }

        if (!Directory.Exists(repo))
        {
            return ctx.Output.Usage($"{repo} does not exist.", "Pass --repo <the repository's directory>.");
        }

        var binary = Environment.ProcessPath ?? "";
        if (!Path.IsPathFullyQualified(binary) || binary.AsSpan().IndexOfAny("'\"\n\r") >= 0)
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.InstallBinaryInvalid, $"The Mandate binary's path '{binary}' cannot be written into a git helper command.", "Install mandate under a path without quotes or line breaks."));
        }

        // git runs a helper that starts with '/' through the shell as it is; a path the shell would split is
        // written as a shell snippet ('!') with the path quoted instead.
        var helper = binary.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+')
            ? $"{binary} credential git"
            : $"!'{binary}' credential git";
        var key = $"credential.{url}.helper";
        var previous = Git(repo, "config", "--local", "--get-all", key);
        if (previous.ExitCode is not (0 or 1))
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.InstallWriteFailed, $"{repo} is not a git repository, or its config cannot be read: {previous.Error.Trim()}", "Run it in the repository, or pass --repo <dir>."));
        }

        var had = previous.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var changed = !(had.Length == 1 && had[0] == helper);
        if (changed)
        {
            foreach (var step in new[]
            {
                previous.ExitCode == 0 ? new[] { "config", "--local", "--unset-all", key } : [],
                ["config", "--local", "--add", key, ""],
                ["config", "--local", "--add", key, helper],
            })
            {
                if (step.Length > 0 && Git(repo, step) is { ExitCode: not 0 } failed)
                {
                    return ctx.Output.Fail(new MandateError(ErrorCodes.InstallWriteFailed, $"git config {string.Join(' ', step[..^1])} failed in {repo}: {failed.Error.Trim()}", "Check that the repository's .git/config is writable."));
                }
            }
        }

        if (Git(repo, "config", "--local", "credential.useHttpPath", "true") is { ExitCode: not 0 } pathFailed)
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.InstallWriteFailed, $"git config credential.useHttpPath failed in {repo}: {pathFailed.Error.Trim()}", "Check that the repository's .git/config is writable."));
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["repository"] = repo,
                ["url"] = url,
                ["helper"] = helper,
                ["changed"] = changed,
                ["replaced"] = new JsonArray([.. had.Where(h => h.Length > 0 && h != helper).Select(h => (JsonNode?)h)]),
            }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine(changed
                ? $"git in {repo} now asks '{helper}' (and no other helper) for {url} credentials; credential.useHttpPath is on."
                : $"git in {repo} already asked Mandate for {url} credentials; nothing changed.");
        }

        return ExitCodes.Success;
    }

    private static (int ExitCode, string Output, string Error) Git(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repo };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(repo);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, "", $"git cannot be run ({e.Message}); install git");
        }
    }
}
