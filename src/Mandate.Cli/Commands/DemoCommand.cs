using System.CommandLine;
using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Mandates;
using Mandate.Core.Svid;
using Mandate.Storage.Sqlite;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate demo</c>: runs Mandate's main job end to end in a scratch home, so a newcomer sees it
/// work with nothing to set up. Later capabilities extend it (mandates, hooks, audit verification).
/// </summary>
internal static partial class DemoCommand
{
    private static readonly Option<bool> Keep = new("--keep") { Description = "Keep the scratch home and print where it is." };

    public static Command Create()
    {
        var command = new Command("demo", "Run Mandate end to end in a scratch home: identities, mandates, revocation, then a scripted Claude Code session through the installed hook.") { Keep };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var root = Path.Combine(Path.GetTempPath(), "mandate-demo-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
        var home = new MandateHome(Path.Combine(root, "home"));
        var w = ctx.Output.Out;
        try
        {
            var failure = Steps(home, ctx, w) ?? HookReplay(root, home, ctx, w);
            if (failure is not null)
            {
                return ctx.Output.Fail(failure);
            }

            if (parse.GetValue(Keep))
            {
                w.WriteLine($"\nThe scratch home is kept at {root}: try MANDATE_HOME={home.Root} mandate audit list");
            }

            return ExitCodes.Success;
        }
        finally
        {
            if (!parse.GetValue(Keep) && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static MandateError? Steps(MandateHome home, CliContext ctx, TextWriter w)
    {
        var actor = "user:jane@acme.dev";
        w.WriteLine("Mandate demo: an agent gets its own identity instead of borrowing Jane's.\n");
        var init = new HomeInitializer(ctx.Time, (p, k) => SqliteStore.Open(p, k, ctx.Time)).Init(home, "acme.dev", false, actor);
        if (!init.IsSuccess)
        {
            return init.Error;
        }

        w.WriteLine($"1. Trust domain   {init.Value.TrustDomain.IdString}: P-256 CA and ES256 JWT key (kid {init.Value.JwtKid[..12]}…) in a scratch home");
        var settings = home.LoadSettings();
        var authority = settings.IsSuccess ? Authority.Load(home, settings.Value) : settings.Error;
        if (!authority.IsSuccess)
        {
            return authority.Error;
        }

        using var keys = authority.Value;
        using var auditKeys = AuditKeys.LoadOrCreate(home, keys.TrustDomain.Name);
        using var store = SqliteStore.Open(home.DatabasePath, auditKeys, ctx.Time);
        var registry = new AgentRegistry(keys.TrustDomain, store.Agents, ctx.Time);
        var agent = registry.Register(new AgentRegistration { Type = "claude-code", Project = "webapp", Sponsor = "jane@acme.dev", Model = "claude-sonnet-4", Provider = "anthropic" }, actor);
        if (!agent.IsSuccess)
        {
            return agent.Error;
        }

        w.WriteLine($"2. Agent          {agent.Value.Id} = {agent.Value.SpiffeId}, sponsored by {agent.Value.Sponsor}");
        var svids = new AgentSvids(registry, new SvidIssuer(keys, ctx.Time), store.Audit, settings.Value, ctx.Time);
        var x509 = svids.IssueX509(agent.Value.Id.Value, "s1", null, actor);
        var jwt = svids.IssueJwt(agent.Value.Id.Value, "s1", "https://api.acme.dev", null, actor);
        if (!x509.IsSuccess || !jwt.IsSuccess)
        {
            return x509.Error ?? jwt.Error;
        }

        w.WriteLine($"3. X.509-SVID     {x509.Value.SpiffeId}, expires {x509.Value.ExpiresAt:u}");
        w.WriteLine($"   JWT-SVID       for https://api.acme.dev, expires {jwt.Value.ExpiresAt:u}");
        var verifier = new SvidVerifier(keys.Bundle(1), ctx.Time);
        var v1 = verifier.Verify(x509.Value.CertificatePem, null);
        var v2 = verifier.Verify(jwt.Value.Token, "https://api.acme.dev");
        var v3 = verifier.Verify(jwt.Value.Token, "https://evil.example");
        w.WriteLine($"4. Verify         X.509: {Describe(v1)}; JWT: {Describe(v2)}; JWT for another audience: {Describe(v3)}");
        var explorer = registry.Register(new AgentRegistration { Type = "explorer", Project = "webapp", Sponsor = "jane@acme.dev" }, actor);
        var mandates = new MandateService(
            registry,
            new MandateIssuer(keys.JwtKey, keys.TrustDomain, ctx.Time, settings.Value.MandateMaxTtl),
            new MandateVerifier(keys.Bundle(1), ctx.Time, store.Mandates.IsRevoked),
            store.Mandates,
            store.Audit,
            ctx.Time);
        var grant = mandates.Grant(
            new GrantRequest
            {
                HumanEmail = "jane@acme.dev",
                Agent = agent.Value.Id.Value,
                Title = "refactor auth",
                Purpose = "refactor the auth module",
                Scope = "fs:read:/src/** fs:write:/src/api/** exec:run:dotnet agent:delegate:explorer",
                Ttl = TimeSpan.FromHours(2),
                MaxDepth = 1,
            },
            actor);
        if (!explorer.IsSuccess || !grant.IsSuccess)
        {
            return explorer.Error ?? grant.Error;
        }

        w.WriteLine($"5. Mandate        Jane grants {grant.Value.Claims.Jti} for task {grant.Value.Claims.Task.Id}: {grant.Value.Claims.Scope}");
        var child = mandates.Delegate(grant.Value.Token, new DelegateRequest { To = explorer.Value.Id.Value, Scope = "fs:read:/src/api/**", Purpose = "find the callers" }, agent.Value.SpiffeId);
        var wider = mandates.Delegate(grant.Value.Token, new DelegateRequest { To = explorer.Value.Id.Value, Scope = "fs:write:/etc/**" }, agent.Value.SpiffeId);
        if (!child.IsSuccess)
        {
            return child.Error;
        }

        w.WriteLine($"6. Delegate       to {explorer.Value.SpiffeId}: fs:read:/src/api/** {Describe(child)}; fs:write:/etc/** {Describe(wider)}");
        var revoked = registry.Revoke(agent.Value.Id.Value, "demo: task finished", actor);
        var cascade = mandates.Revoke(new Core.Storage.MandateFilter { AgentId = agent.Value.Id.Value }, "agent revoked", actor);
        var after = svids.IssueJwt(agent.Value.Id.Value, null, "https://api.acme.dev", null, actor);
        var childAfter = mandates.Verify(child.Value.Token, new MandateVerificationOptions(), actor);
        w.WriteLine($"7. Revoke agent   {(revoked.IsSuccess ? "revoked" : revoked.Error.Message)}, with {(cascade.IsSuccess ? cascade.Value.Count : 0)} mandates in cascade; a new SVID is {Describe(after)}; the sub-agent's mandate is {(childAfter.IsValid ? "still valid" : $"refused ({childAfter.Error!.Code})")}");
        var audit = new AuditVerifier(store.Audit).Verify();
        w.WriteLine($"8. Audit log      {audit.Records} records, {(audit.Intact ? "verified intact" : "NOT intact: " + audit.Problem)}: every step above is one record");
        return v1.IsSuccess && v2.IsSuccess && !v3.IsSuccess && !wider.IsSuccess && !after.IsSuccess && !childAfter.IsValid && audit.Intact
            ? null
            : new MandateError("MDT1099", "The demo did not behave as expected.", "Report this as a bug with the output above.");
    }

    private static string Describe<T>(Outcome<T> outcome) => outcome.IsSuccess ? "accepted" : $"refused ({outcome.Error.Code})";
}
