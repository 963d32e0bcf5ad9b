using System.CommandLine;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Core.Mandates;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Providers;
using Mandate.Credentials.Secrets;

namespace Mandate.Cli.Commands;

/// <summary>
/// What the lease commands share: the lease service over the home's store, the verified mandate a credential is
/// issued under, and the provider of each lease kind (one case per provider helper).
/// </summary>
internal static class LeaseCli
{
    /// <summary>The Mandate session a lease belongs to: set by <c>mandate run</c> for the agent it starts (its leases are revoked when the agent exits).</summary>
    public static string? SessionId => Environment.GetEnvironmentVariable("MANDATE_SESSION_ID") is { Length: > 0 } id ? id : null;

    public static Option<string?> MandateOption() =>
        new("--mandate") { Description = $"The mandate: the token or a file holding it [env: {MandateCli.TokenVariable}, {MandateCli.TokenFileVariable}]." };

    public static Option<string?> PresenterOption() =>
        new("--presenter") { Description = "The session's X.509-SVID (svid.pem); required when the mandate is bound to one." };

    /// <summary>The lease service, for commands that act on existing leases (list, renew, revoke, sweep): no mandate needed.</summary>
    public static Outcome<LeaseService> Service(CliContext ctx) =>
        ctx.Settings.IsSuccess
            ? new LeaseService(ctx.Store, lease => Provider(ctx, lease.Kind, lease.Provider), ctx.Time) { Policy = r => CredentialPolicy.Decide(ctx, r) }
            : ctx.Settings.Error;

    /// <summary>
    /// The lease service and the mandate a credential is to be issued under: from <paramref name="mandateArgument"/> (a token
    /// or a file) or MANDATE_TOKEN / MANDATE_TOKEN_FILE, fully verified (signature, chain, times, revocation); a mandate
    /// bound to an SVID needs that SVID (<paramref name="presenterPath"/>). A failed verification is audited.
    /// </summary>
    public static Outcome<(LeaseService Service, MandateClaims Mandate)> Prepare(CliContext ctx, string? mandateArgument, string? presenterPath = null)
    {
        var service = Service(ctx);
        var mandates = service.IsSuccess ? MandateCli.Service(ctx) : service.Error;
        var token = mandates.IsSuccess ? MandateCli.ReadToken(mandateArgument) : mandates.Error;
        var presenter = token.IsSuccess ? MandateCli.ReadCertificate(presenterPath) : token.Error;
        if (!presenter.IsSuccess)
        {
            return presenter.Error;
        }

        var verified = mandates.Value.Verify(token.Value, new MandateVerificationOptions { PresenterCertificate = presenter.Value }, ctx.Actor);
        return verified.IsValid ? (service.Value, verified.Claims) : verified.Error;
    }

    /// <summary>The provider that issues (and renews and revokes) leases of <paramref name="kind"/> from the registered provider <paramref name="name"/>.</summary>
    public static Outcome<ILeaseProvider> Provider(CliContext ctx, string kind, string name)
    {
        switch (kind)
        {
            case SecretProvider.KindName: return SecretProviderOf(ctx);

            case "ssh": return SshCommand.Provider(ctx);
            case "postgres": return LeasePostgresCommand.Provider(ctx, name);
            case "github": return GitHubCli.Provider(ctx, name);
            case "aws": return AwsCli.Provider(ctx, name);
            // provider kinds: one case per provider helper (postgres, ssh, github, aws), e.g. case "postgres": return PostgresCli.Provider(ctx, name);
            default: return new MandateError(ErrorCodes.LeaseProviderUnknown, $"This mandate binary has no '{kind}' credential provider (lease provider '{name}').", "Upgrade mandate, or revoke such leases where they were issued.");
        }
    }

    /// <summary>Revokes, at their providers, the leases issued under these (just revoked) mandates: a revoked mandate leaves no working credential behind.</summary>
    public static Outcome<IReadOnlyList<Lease>> RevokeForMandates(CliContext ctx, IReadOnlyCollection<string> jtis, string reason)
    {
        var service = Service(ctx);
        return service.IsSuccess ? service.Value.RevokeForMandates(jtis, "mandate revoked: " + reason, ctx.Actor) : service.Error;
    }

    /// <summary>The home's secret box (its key is created on first use). Callers dispose it.</summary>
    public static Outcome<SecretBox> Box(CliContext ctx) => ctx.Settings.IsSuccess ? SecretBox.Open(ctx.Home) : ctx.Settings.Error;

    /// <summary>The registered providers; the box must outlive the registry.</summary>
    public static ProviderRegistry Registry(CliContext ctx, SecretBox box) => new(ctx.Store, box, ctx.Time, ctx.Actor);

    /// <summary>The vault's box lives as long as this process (a CLI command): the provider may be asked again to renew or revoke.</summary>
    private static Outcome<ILeaseProvider> SecretProviderOf(CliContext ctx)
    {
        var box = Box(ctx);
        return box.IsSuccess ? new SecretProvider(new SecretVault(ctx.Store, box.Value, ctx.Time)) : box.Error;
    }
}
