using System.Security.Cryptography.X509Certificates;
using Mandate.Agents.Decisions;
using Mandate.Core.Errors;
using Mandate.Core.Mandates;

namespace Mandate.Agents.Runtime;

/// <summary>
/// Which mandate a tool call is decided under: the one given to the agent process (MANDATE_TOKEN or
/// MANDATE_TOKEN_FILE), else the one bound to its session at SessionStart, else the project's active
/// task, else none (the built-in "no mandate" profile). A mandate that is there but does not verify —
/// expired, revoked, forged, bound to another presenter — is a failure, which denies: it is never
/// quietly replaced by the weaker profile.
/// </summary>
public static class HookMandate
{
    public static Outcome<DecisionProfile> Resolve(HomeContext ctx, HookSession? session, string project)
    {
        string? token = null;
        byte[]? presenter = null;
        var source = "";
        if (MandateToken.InEnvironment)
        {
            var read = MandateToken.Read(null);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            token = read.Value;
            source = "the agent's environment (MANDATE_TOKEN)";
        }
        else if (session is { Token: not null, EndedAt: null, Verified: { } cached })
        {
            return FromCache(ctx, cached);
        }
        else if (session is { Token: { } bound, EndedAt: null })
        {
            token = bound;
            presenter = session.CertificatePem is { } pem ? Der(pem) : null;
            source = "the session";
        }
        else if (ProjectTask.ActiveToken(ctx.Home, project) is { } active)
        {
            token = active;
            source = "the project's active task";
        }

        if (token is null)
        {
            return DecisionProfile.None;
        }

        var authority = ctx.Authority;
        if (!authority.IsSuccess)
        {
            return authority.Error;
        }

        var verifier = new MandateVerifier(authority.Value.Bundle(1), ctx.Time, ctx.Store.Mandates.IsRevoked);
        var result = verifier.Verify(token, new MandateVerificationOptions { PresenterCertificate = presenter });
        if (!result.IsValid)
        {
            return new MandateError(result.Error.Code, $"the mandate from {source} is not valid: {result.Error.Message}", "Start a new task (mandate task start) or a new session.");
        }

        return DecisionProfile.From(result.Claims);
    }

    /// <summary>A mandate this home granted and verified at SessionStart: only expiry and revocation can have changed.</summary>
    private static Outcome<DecisionProfile> FromCache(HomeContext ctx, VerifiedMandate cached)
    {
        if (ctx.Time.GetUtcNow() >= cached.ExpiresAt)
        {
            return new MandateError(ErrorCodes.MandateExpired, $"the session's mandate {cached.Jti} expired at {cached.ExpiresAt:u}.", "Start a new session, or a new task (mandate task start).");
        }

        if (ctx.Store.Mandates.IsRevoked(cached.Jti))
        {
            return new MandateError(ErrorCodes.MandateRevoked, $"the session's mandate {cached.Jti} is revoked.", "Start a new task (mandate task start) or a new session.");
        }

        var scope = Scope.Parse(cached.Scope);
        var ask = Scope.Parse(cached.Ask, allowEmpty: true);
        if (!scope.IsSuccess || !ask.IsSuccess)
        {
            return scope.IsSuccess ? ask.Error! : scope.Error!;
        }

        return new DecisionProfile
        {
            HasMandate = true,
            Scope = scope.Value,
            Ask = ask.Value,
            Jti = cached.Jti,
            Human = cached.Human,
            TaskId = cached.TaskId,
            Purpose = cached.Purpose,
        };
    }

    private static byte[] Der(string pem)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return certificate.RawData;
    }
}
