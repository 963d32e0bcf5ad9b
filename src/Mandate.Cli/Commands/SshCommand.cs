using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Ssh;

namespace Mandate.Cli.Commands;

/// <summary><c>mandate ssh ca</c>: the SSH CA's public key line, for sshd's <c>TrustedUserCAKeys</c>.</summary>
internal static class SshCommand
{
    public static Command Create()
    {
        var ca = new Command("ca", "Print the SSH CA's public key line for sshd's TrustedUserCAKeys (the CA is created on first use).");
        ca.SetHandler(RunCa);
        return new Command("ssh", "Mandate's SSH certificate authority (certificates are leased with 'mandate lease ssh').") { ca };
    }

    /// <summary>The ssh lease provider of this home: its CA (created on first use), options and revocation list.</summary>
    public static Outcome<ILeaseProvider> Provider(CliContext ctx)
    {
        var ca = LoadCa(ctx);
        if (!ca.IsSuccess)
        {
            return ca.Error;
        }

        var options = SshOptions.Load(ctx.Home);
        if (!options.IsSuccess)
        {
            return options.Error;
        }

        // The CA key lives as long as the process: the CLI issues one certificate and exits.
        return new SshProvider(ca.Value, options.Value, SshRevocationList.For(ctx.Home, ca.Value.PublicKey, ctx.Time));
    }

    private static Outcome<SshCertificateAuthority> LoadCa(CliContext ctx)
    {
        var settings = ctx.Settings;
        if (!settings.IsSuccess)
        {
            return settings.Error;
        }

        var ca = SshCertificateAuthority.LoadOrCreate(ctx.Home, settings.Value.TrustDomain.Name);
        if (ca.IsSuccess)
        {
            // sshd refuses every key while its RevokedKeys file is missing: make the KRL exist from the start.
            SshRevocationList.For(ctx.Home, ca.Value.PublicKey, ctx.Time).EnsureExists();
        }

        return ca;
    }

    private static int RunCa(ParseResult parse, CliContext ctx)
    {
        var ca = LoadCa(ctx);
        if (!ca.IsSuccess)
        {
            return ctx.Output.Fail(ca.Error);
        }

        using var authority = ca.Value;
        var revocations = SshRevocationList.For(ctx.Home, authority.PublicKey, ctx.Time);
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["public_key"] = authority.PublicKeyLine,
                ["fingerprint"] = authority.PublicKey.Fingerprint,
                ["key_path"] = SshCertificateAuthority.KeyPath(ctx.Home),
                ["revoked_keys"] = revocations.KrlPath,
            }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine(authority.PublicKeyLine);
        }

        return ExitCodes.Success;
    }
}
