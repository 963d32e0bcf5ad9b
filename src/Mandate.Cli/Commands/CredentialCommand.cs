using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.GitHub;
using Mandate.Credentials.Leases;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate credential git &lt;get|store|erase&gt;</c>: git's credential helper (git-credential(1)). For a repository
/// on a host with a registered GitHub App, <c>get</c> leases an installation token limited to that repository and the
/// access the session's mandate allows there (push, write or read); <c>erase</c> revokes the lease of the token git
/// hands back; <c>store</c> keeps nothing. Whatever it cannot serve it answers with nothing (exit 0), so git moves
/// on; it never hands out anyone's own credentials. It needs <c>credential.useHttpPath=true</c> to see the repository.
/// </summary>
internal static class CredentialCommand
{
    private static readonly Argument<string> Operation = new("operation") { Description = "get, store or erase (git passes it)." };
    private static readonly Option<string?> MandateOption = new("--mandate") { Description = $"The mandate: a token or a file holding it [default: ${MandateCli.TokenVariable}, then ${MandateCli.TokenFileVariable}]." };

    public static Command Create()
    {
        var git = new Command("git", "git's credential helper: GitHub App tokens for one repository, under the session's mandate. Configure it with 'mandate install git'.") { Operation, MandateOption };
        git.SetHandler(Git);
        return new Command("credential", "Credential helpers that hand tools short-lived, task-scoped credentials.") { git, CredentialAwsCommand.Create() };
    }

    private static int Git(ParseResult parse, CliContext ctx)
    {
        var operation = parse.GetValue(Operation);
        if (operation is not ("get" or "store" or "erase"))
        {
            // git ignores helper operations it does not know; so do we, silently, as the protocol asks.
            return ExitCodes.Success;
        }

        var input = GitCredentialMessage.Read(Console.In);
        if (!input.IsSuccess)
        {
            Note(ctx, input.Error);
            return ExitCodes.Success;
        }

        return operation switch
        {
            "get" => Get(ctx, input.Value, parse.GetValue(MandateOption)),
            "erase" => Erase(ctx, input.Value),
            _ => ExitCodes.Success,
        };
    }

    private static int Get(CliContext ctx, GitCredentialMessage request, string? mandateArgument)
    {
        if (!ctx.Settings.IsSuccess)
        {
            return ExitCodes.Success;
        }

        if (request.Host is not { Length: > 0 } requestHost || request.Protocol is not ("https" or "http")
            || GitHubCli.ForHost(ctx, request.Protocol, requestHost) is not { } github)
        {
            return ExitCodes.Success;
        }

        using var disposeProvider = github;
        var repository = GitCredentialMessage.RepositoryOf(request.Path);
        if (repository is null)
        {
            Note(ctx, new MandateError(ErrorCodes.GitCredentialInputInvalid, $"git asked for {request.Host} without naming one repository.", "Set 'git config credential.useHttpPath true' (mandate install git does), so git passes the repository's path."));
            return ExitCodes.Success;
        }

        var prepared = LeaseCli.Prepare(ctx, mandateArgument);
        if (!prepared.IsSuccess)
        {
            Note(ctx, prepared.Error);
            return ExitCodes.Success;
        }

        var (service, mandate) = prepared.Value;
        var host = github.Options.GitHost;

        // git does not say whether it will fetch or push: ask for the strongest access the mandate allows for this
        // repository. With none, ask for read anyway, so that the refusal is decided and audited by the lease service.
        var access = GitHubPermissions.Strongest(verb => mandate.Scope.Allows("repo", verb, $"{host}/{repository}")) ?? "read";
        var leaseRequest = new LeaseRequest
        {
            Provider = github.Name,
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["host"] = host, ["repository"] = repository, ["access"] = access },
        };
        var issued = service.Issue(github, leaseRequest, mandate, mandate.Actor, LeaseCli.SessionId);
        if (!issued.IsSuccess)
        {
            Note(ctx, issued.Error);
            return ExitCodes.Success;
        }

        var lease = issued.Value.Lease;
        var expiry = lease.ExpiresAt;
        if (lease.Details.TryGetValue("expires_at", out var tokenExpiry)
            && DateTimeOffset.TryParse(tokenExpiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t < expiry)
        {
            expiry = t;
        }

        var answer = new GitCredentialMessage()
            .Add("username", "x-access-token")
            .Add("password", issued.Value.Secrets["token"])
            .Add("password_expiry_utc", expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var written = answer.Write(Console.Out);
        if (!written.IsSuccess)
        {
            Note(ctx, written.Error);
        }

        return ExitCodes.Success;
    }

    /// <summary>Revokes the lease whose token git hands back (git rejected it); any other password is left alone.</summary>
    private static int Erase(CliContext ctx, GitCredentialMessage request)
    {
        if (!ctx.Settings.IsSuccess || request.Password is not { Length: > 0 } password || request.Username != "x-access-token")
        {
            return ExitCodes.Success;
        }

        var hash = Encoding.ASCII.GetBytes(GitHubProvider.TokenHash(password));
        var lease = ctx.Store.Leases
            .List(new LeaseFilter { Kind = GitHubProvider.KindName, ActiveAt = ctx.Time.GetUtcNow() })
            .FirstOrDefault(l => l.Details.TryGetValue("token_sha256", out var h) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), hash));
        if (lease is null)
        {
            return ExitCodes.Success;
        }

        var revoked = LeaseCli.Service(ctx).Value.Revoke(new LeaseFilter { Id = lease.Id }, "git credential erase: the server rejected the token", lease.Actor);
        if (!revoked.IsSuccess)
        {
            Note(ctx, revoked.Error);
        }

        return ExitCodes.Success;
    }

    /// <summary>git shows a helper's stderr to the user: one line saying why no token was given.</summary>
    private static void Note(CliContext ctx, MandateError error) =>
        ctx.Output.Err.WriteLine($"mandate: no GitHub token: {error.Code} {error.Message} Fix: {error.Fix}");
}
