using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Mandate.Agents.Runtime;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Leases;
using Mandate.Credentials.Secrets;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate run --mandate &lt;token|file&gt; [--secret NAME[=VAR]]… -- &lt;agent command…&gt;</c>: starts any agent under a
/// mandate — a session, the mandate handed to the hooks and helpers as a 0600 file, a scrubbed environment, git
/// pointed at Mandate's credential helper, requested static secrets as environment variables — and, when the agent
/// exits, revokes every lease of the session.
/// </summary>
internal static class RunCommand
{
    private static readonly Option<string?> MandateOption = new("--mandate") { Description = "The mandate token, or a file holding it [default: MANDATE_TOKEN / MANDATE_TOKEN_FILE]." };
    private static readonly Option<string[]> Secrets = new("--secret") { Description = "A static secret to release into the agent's environment: NAME or NAME=VARIABLE (needs secret:read:NAME).", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> Keep = new("--keep-env") { Description = "A variable to keep although it looks like a credential (repeatable)." };
    private static readonly Option<string[]> Scrub = new("--scrub") { Description = "Another variable to remove (repeatable); config run.scrub adds more." };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "List what would be removed and injected; start nothing." };
    private static readonly Argument<string[]> AgentCommand = new("command") { Description = "The agent command and its arguments (after --).", Arity = ArgumentArity.ZeroOrMore };

    public static Command Create()
    {
        var command = new Command("run", "Run an agent under a mandate: session, scrubbed environment, credential helpers, leases revoked at exit.")
        {
            MandateOption, Secrets, Keep, Scrub, DryRun, AgentCommand,
        };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var argv = parse.GetValue(AgentCommand) ?? [];
        var dryRun = parse.GetValue(DryRun);
        if (argv.Length == 0 && !dryRun)
        {
            return ctx.Output.Usage("No agent command was given.", "Put it after --: mandate run --mandate task.jwt -- claude");
        }

        var prepared = LeaseCli.Prepare(ctx, parse.GetValue(MandateOption));
        if (!prepared.IsSuccess)
        {
            return ctx.Output.Fail(prepared.Error);
        }

        var (service, mandate) = prepared.Value;
        var token = MandateCli.ReadToken(parse.GetValue(MandateOption)).Value;
        var sessionId = "run-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var binary = Environment.ProcessPath ?? "mandate";
        var current = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        var extra = new HashSet<string>(parse.GetValue(Scrub) ?? [], StringComparer.Ordinal);
        var keep = new HashSet<string>(parse.GetValue(Keep) ?? [], StringComparer.Ordinal);
        var removed = RunEnvironment.Removed(current, extra).Where(n => !keep.Contains(n)).ToList();
        var tokenFile = Path.Combine(HookSessions.Directory(ctx.Home), sessionId + ".jwt");
        var injected = new Dictionary<string, string>(RunEnvironment.Injected(binary, tokenFile, sessionId), StringComparer.Ordinal);
        var secretNames = (parse.GetValue(Secrets) ?? []).Select(s => s.Split('=', 2)).Select(p => (Name: p[0], Variable: p.Length > 1 ? p[1] : SecretProvider.EnvironmentName(p[0]))).ToList();

        if (dryRun)
        {
            ctx.Output.Out.WriteLine($"mandate {mandate.Jti} for {mandate.HumanEmail}: {mandate.Scope} (until {mandate.ExpiresAt:u})");
            ctx.Output.Out.WriteLine($"remove  {(removed.Count == 0 ? "(nothing)" : string.Join(' ', removed))}");
            foreach (var (name, value) in injected)
            {
                ctx.Output.Out.WriteLine($"inject  {name}={value}");
            }

            foreach (var (name, variable) in secretNames)
            {
                ctx.Output.Out.WriteLine($"inject  {variable}=<secret {name}, leased at start>");
            }

            ctx.Output.Out.WriteLine($"inject  MANDATE_SVID, MANDATE_SVID_KEY, MANDATE_BUNDLE=<the session's X.509-SVID for {mandate.Actor}/session/{sessionId}>");

            return ExitCodes.Success;
        }

        // The secrets are leased before anything starts: a refusal stops the run.
        var secretValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, variable) in secretNames)
        {
            var provider = LeaseCli.Provider(ctx, SecretProvider.KindName, SecretProvider.VaultName);
            var issued = provider.IsSuccess ? service.Issue(provider.Value, SecretProvider.Request(name), mandate, mandate.Actor, sessionId) : provider.Error!;
            if (!issued.IsSuccess)
            {
                Revoke(ctx, service, sessionId);
                return ctx.Output.Fail(issued.Error);
            }

            secretValues[variable] = issued.Value.Secrets.Values.First();
        }

        KeyFiles.CreatePrivateDirectory(HookSessions.Directory(ctx.Home));
        KeyFiles.WritePrivate(tokenFile, token);

        // The session's own identity: an X.509-SVID for <agent>/session/<id>, the agent's to present (and audited as issued).
        var svidDirectory = Path.Combine(HookSessions.Directory(ctx.Home), sessionId);
        var svid = SessionSvid(ctx, mandate.Actor, sessionId);
        if (svid.IsSuccess)
        {
            KeyFiles.CreatePrivateDirectory(svidDirectory);
            KeyFiles.WritePrivate(Path.Combine(svidDirectory, "svid.pem"), svid.Value.CertificatePem);
            KeyFiles.WritePrivate(Path.Combine(svidDirectory, "svid.key"), svid.Value.PrivateKeyPem);
            KeyFiles.WritePrivate(Path.Combine(svidDirectory, "bundle.pem"), svid.Value.BundlePem);
            injected["MANDATE_SVID"] = Path.Combine(svidDirectory, "svid.pem");
            injected["MANDATE_SVID_KEY"] = Path.Combine(svidDirectory, "svid.key");
            injected["MANDATE_BUNDLE"] = Path.Combine(svidDirectory, "bundle.pem");
        }
        else
        {
            ctx.Output.Err.WriteLine($"mandate run: warning {svid.Error.Code}: no session SVID ({svid.Error.Message}); the agent runs without one.");
        }

        try
        {
            var start = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
            foreach (var arg in argv.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var name in removed)
            {
                start.Environment.Remove(name);
            }

            foreach (var (name, value) in injected.Concat(secretValues))
            {
                start.Environment[name] = value;
            }

            ctx.Output.Err.WriteLine($"mandate run: session {sessionId} under {mandate.Jti}; removed {removed.Count} credential variable(s); the session's leases are revoked when the agent exits.");
            var project = ProjectRoot.Find(Environment.CurrentDirectory);
            if (!InstallCommand.Paths(project).All().Select(Agents.Install.Installer.Status).Any(s => s.Installed))
            {
                ctx.Output.Err.WriteLine($"mandate run: warning: no agent in {project} runs Mandate's hooks, so its tool calls are not decided; run 'mandate install <claude-code|cursor|gemini|copilot|codex>'.");
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return ctx.Output.Fail(new MandateError(ErrorCodes.InputUnreadable, $"{argv[0]} could not be started.", "Check the command and PATH."));
            }

            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.InputUnreadable, $"{argv[0]} could not be started: {e.Message}", "Check the command and PATH."));
        }
        finally
        {
            File.Delete(tokenFile);
            if (Directory.Exists(svidDirectory))
            {
                Directory.Delete(svidDirectory, recursive: true);
            }

            Revoke(ctx, service, sessionId);
        }
    }

    private static Outcome<Core.Svid.X509Svid> SessionSvid(CliContext ctx, string actor, string sessionId)
    {
        var agents = ctx.Agents();
        var authority = agents.IsSuccess ? ctx.Authority : agents.Error!;
        if (!authority.IsSuccess)
        {
            return authority.Error;
        }

        var agent = agents.Value.FindActive(actor);
        if (!agent.IsSuccess)
        {
            return agent.Error;
        }

        var svids = new Core.Svid.AgentSvids(agents.Value, new Core.Svid.SvidIssuer(authority.Value, ctx.Time), ctx.Store.Audit, ctx.Settings.Value, ctx.Time);
        return svids.IssueX509(agent.Value.Id.Value, sessionId, null, ctx.Actor);
    }


    private static void Revoke(CliContext ctx, Credentials.Leases.LeaseService service, string sessionId)
    {
        var revoked = service.Revoke(new LeaseFilter { SessionId = sessionId }, "mandate run: the agent exited", ctx.Actor);
        if (revoked.IsSuccess)
        {
            ctx.Output.Err.WriteLine($"mandate run: {revoked.Value.Count} lease(s) of session {sessionId} revoked.");
        }
        else
        {
            ctx.Output.Err.WriteLine($"mandate run: warning {revoked.Error.Code}: the session's leases could not all be revoked: {revoked.Error.Message} Fix: mandate lease revoke --task {sessionId} or mandate lease sweep.");
        }
    }
}
