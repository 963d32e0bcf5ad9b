using Mandate.Core.Errors;
using Npgsql;

namespace Mandate.Credentials.Postgres.Internal;

/// <summary>
/// Turns an Npgsql failure into a <see cref="MandateError"/> that names the SQLSTATE and the server's message with
/// the role name and any secret replaced: Npgsql's exceptions carry the statement (and PostgreSQL's messages can
/// quote it), so neither is ever passed on as it is.
/// </summary>
internal static class PostgresFailure
{
    public static MandateError From(Exception exception, string code, string doing, string provider, string? role, params string?[] secrets)
    {
        var detail = exception switch
        {
            PostgresException pg => $"{pg.SqlState} {pg.MessageText}",
            NpgsqlException { InnerException: { } inner } npgsql => $"{npgsql.Message} ({inner.Message})",
            _ => exception.Message,
        };
        detail = Scrub(detail, role, secrets);

        if (exception is PostgresException { SqlState: "3D000" })
        {
            return new MandateError(ErrorCodes.PostgresRequestInvalid, $"{doing} on '{provider}' failed: {detail}.",
                "Check --database: the database must exist on the server.");
        }

        if (exception is PostgresException { SqlState: var state } && (state.StartsWith("28", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal))
            || exception is NpgsqlException and not PostgresException)
        {
            return new MandateError(ErrorCodes.PostgresUnreachable, $"{doing} on '{provider}' failed: cannot use the admin connection: {detail}.",
                $"Check that the server is up and the admin connection string of provider '{provider}' is right (mandate provider list).");
        }

        return new MandateError(code, $"{doing} on '{provider}' failed: {detail}.", Fix(code, provider));
    }

    public static string Scrub(string text, string? role, params string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return string.IsNullOrEmpty(role) ? text : text.Replace(role, "<role>", StringComparison.Ordinal);
    }

    private static string Fix(string code, string provider) => code switch
    {
        ErrorCodes.PostgresIssueFailed =>
            $"Check the grant template of provider '{provider}' and that its admin role may create roles and grant on the database.",
        ErrorCodes.PostgresRenewFailed => $"Check that the admin role of provider '{provider}' may alter roles; or issue a new lease.",
        ErrorCodes.PostgresRevokeFailed =>
            $"Check that the admin role of provider '{provider}' may drop roles and terminate sessions (superuser, or pg_signal_backend and ADMIN on the role); the sweep retries.",
        _ => "Check the provider's configuration (mandate provider list).",
    };
}
