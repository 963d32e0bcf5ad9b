using System.CommandLine;
using Mandate.Cli.Output;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Svid;
using Mandate.Core.Time;

namespace Mandate.Cli.Commands;

internal static partial class SvidCommand
{
    private static readonly Option<string> Agent = new("--agent") { Description = "The agent's id (agt_…) or SPIFFE ID.", Required = true };
    private static readonly Option<string?> Session = new("--session") { Description = "A session id: the SVID names …/session/<sid>." };
    private static readonly Option<string?> X509Ttl = new("--ttl") { Description = "Lifetime, e.g. 30m or 1h, at most ttl.x509_svid_max [default: config ttl.x509_svid, 1h]." };
    private static readonly Option<string?> JwtTtl = new("--ttl") { Description = "Lifetime, e.g. 30s or 5m, at most ttl.jwt_svid_max [default: config ttl.jwt_svid, 5m]." };
    private static readonly Option<string> Out = new("--out") { Description = "Folder to write svid.pem, svid.key (0600) and bundle.pem into.", Required = true };
    private static readonly Option<string> Audience = new("--audience") { Description = "Who the token is for (the aud claim).", Required = true };

    public static Command Create()
    {
        var x509 = new Command("x509", "Issue an X.509-SVID for an agent (or one of its sessions).") { Agent, Session, X509Ttl, Out };
        x509.SetHandler(IssueX509);
        var jwt = new Command("jwt", "Issue a JWT-SVID for an agent, for one audience; prints the token.") { Agent, Audience, JwtTtl, Session };
        jwt.SetHandler(IssueJwt);
        return new Command("svid", "Issue and verify SPIFFE identity documents.") { x509, jwt, CreateVerify() };
    }

    private static int IssueX509(ParseResult parse, CliContext ctx)
    {
        var svids = Svids(ctx);
        var ttl = ReadTtl(parse, X509Ttl);
        if (!svids.IsSuccess || !ttl.IsSuccess)
        {
            return ctx.Output.Fail(svids.Error ?? ttl.Error!);
        }

        var outDir = Path.GetFullPath(parse.GetValue(Out)!);
        var writable = CheckWritable(outDir);
        if (writable is not null)
        {
            return ctx.Output.Fail(writable);
        }

        var svid = svids.Value.IssueX509(parse.GetValue(Agent)!, parse.GetValue(Session), ttl.Value, ctx.Actor);
        if (!svid.IsSuccess)
        {
            return ctx.Output.Fail(svid.Error);
        }

        var s = svid.Value;
        var certPath = Path.Combine(outDir, "svid.pem");
        var keyPath = Path.Combine(outDir, "svid.key");
        var bundlePath = Path.Combine(outDir, "bundle.pem");
        KeyFiles.WritePrivate(keyPath, s.PrivateKeyPem);
        KeyFiles.WritePublic(certPath, s.CertificatePem);
        KeyFiles.WritePublic(bundlePath, s.BundlePem);
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new X509SvidOutput(s.SpiffeId, certPath, keyPath, bundlePath, s.SerialNumber, s.ExpiresAt), CliJsonContext.Output.X509SvidOutput);
            return ExitCodes.Success;
        }

        ctx.Output.Out.WriteLine($"Issued X.509-SVID for {s.SpiffeId}, valid until {s.ExpiresAt:u}");
        ctx.Output.Out.WriteLine($"  {certPath}\n  {keyPath} (private, 0600)\n  {bundlePath}");
        return ExitCodes.Success;
    }

    private static int IssueJwt(ParseResult parse, CliContext ctx)
    {
        var svids = Svids(ctx);
        var ttl = ReadTtl(parse, JwtTtl);
        if (!svids.IsSuccess || !ttl.IsSuccess)
        {
            return ctx.Output.Fail(svids.Error ?? ttl.Error!);
        }

        var svid = svids.Value.IssueJwt(parse.GetValue(Agent)!, parse.GetValue(Session), parse.GetValue(Audience)!, ttl.Value, ctx.Actor);
        if (!svid.IsSuccess)
        {
            return ctx.Output.Fail(svid.Error);
        }

        if (ctx.Output.Json)
        {
            var s = svid.Value;
            ctx.Output.WriteJson(new JwtSvidOutput(s.SpiffeId, s.Token, s.Audience, s.ExpiresAt), CliJsonContext.Output.JwtSvidOutput);
        }
        else
        {
            ctx.Output.Out.WriteLine(svid.Value.Token);
        }

        return ExitCodes.Success;
    }

    private static Outcome<TimeSpan?> ReadTtl(ParseResult parse, Option<string?> option)
    {
        var text = parse.GetValue(option);
        if (text is null)
        {
            return Outcome<TimeSpan?>.Success(null);
        }

        var ttl = DurationText.Parse(text, "--ttl");
        return ttl.IsSuccess ? Outcome<TimeSpan?>.Success(ttl.Value) : ttl.Error;
    }

    private static MandateError? CheckWritable(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ".mandate-write-probe-" + Environment.ProcessId);
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MandateError(ErrorCodes.OutputNotWritable, $"Cannot write to --out {dir}: {WhyUnwritable(dir, e)}.", "Pass a folder you can write to.");
        }
    }

    // The runtime's messages are resource keys in the Native AOT build (UseSystemResourceKeys), so the reason is ours.
    private static string WhyUnwritable(string dir, Exception e)
    {
        if (e is UnauthorizedAccessException)
        {
            return "permission denied";
        }

        for (var path = dir; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return $"{path} is a file, not a folder";
            }
        }

        return "the folder cannot be created or written";
    }

    private static Outcome<AgentSvids> Svids(CliContext ctx)
    {
        var authority = ctx.Authority;
        var agents = authority.IsSuccess ? ctx.Agents() : authority.Error;
        return agents.IsSuccess
            ? new AgentSvids(agents.Value, new SvidIssuer(authority.Value, ctx.Time), ctx.Store.Audit, ctx.Settings.Value, ctx.Time)
            : agents.Error;
    }
}
