using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Mandate.Core.Errors;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Postgres.Internal;
using Npgsql;

namespace Mandate.Credentials.Postgres;

/// <summary>
/// Leases PostgreSQL login roles (DESIGN.md §5): one role per lease, named after it, with a random password,
/// <c>VALID UNTIL</c> the lease's expiry and the grants of an access template. Revocation closes the role to logins,
/// terminates its open sessions (which Vault's database engine does not), removes what it owns or was granted, and
/// drops it.
/// </summary>
public sealed partial class PostgresProvider : ILeaseProvider, IDisposable
{
    public const string KindName = "postgres";

    /// <summary>Request parameter: the database to grant on.</summary>
    public const string DatabaseParameter = "database";

    /// <summary>Request parameter: <c>read</c>, <c>write</c> or a configured template's name.</summary>
    public const string AccessParameter = "access";

    /// <summary>Lease detail keys (not secret, stored with the lease).</summary>
    public const string UsernameDetail = "username";
    public const string DatabaseDetail = "database";
    public const string HostDetail = "host";
    public const string PortDetail = "port";
    public const string AccessDetail = "access";

    /// <summary>Secret keys (returned to the caller only).</summary>
    public const string PasswordSecret = "password";
    public const string ConnectionStringSecret = "connection_string";

    private const string RolePrefix = "mandate_";

    private readonly PostgresProviderConfig _config;
    private readonly NpgsqlConnectionStringBuilder _admin;
    private readonly Func<string> _newPassword;
    private readonly Dictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);
    private readonly Lock _sourcesLock = new();
    private bool _disposed;

    private PostgresProvider(PostgresProviderConfig config, NpgsqlConnectionStringBuilder admin, Func<string> newPassword)
    {
        _config = config;
        _admin = admin;
        _newPassword = newPassword;
    }

    public string Kind => KindName;

    public string Name => _config.Name;

    /// <summary>Checks the configuration (every problem at once) and returns the provider; it connects only when used.</summary>
    public static Outcome<PostgresProvider> Create(PostgresProviderConfig config) => Create(config, NewPassword);

    /// <summary>As <see cref="Create(PostgresProviderConfig)"/>, with the password source replaced (tests plant canaries).</summary>
    internal static Outcome<PostgresProvider> Create(PostgresProviderConfig config, Func<string> newPassword)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        NpgsqlConnectionStringBuilder? admin = null;
        try
        {
            admin = new NpgsqlConnectionStringBuilder(config.AdminConnectionString);
            if (string.IsNullOrWhiteSpace(admin.Host))
            {
                problems.Add("the admin connection string has no Host");
            }
        }
        catch (ArgumentException)
        {
            // The message could quote the string, password included: say only that it does not parse.
            problems.Add("the admin connection string is not a valid Npgsql connection string (Host=…;Port=…;Username=…;Password=…;Database=…)");
        }

        if (string.IsNullOrWhiteSpace(config.Name))
        {
            problems.Add("the provider has no name");
        }

        foreach (var (access, sql) in config.Templates)
        {
            if (!AccessPattern().IsMatch(access))
            {
                problems.Add($"template name '{Shorten(access)}' is not lowercase letters, digits, '-' or '_' (at most 32, starting with a letter)");
            }

            if (string.IsNullOrWhiteSpace(sql))
            {
                problems.Add($"template '{Shorten(access)}' is empty");
            }
        }

        if (problems.Count > 0 || admin is null)
        {
            return new MandateError(ErrorCodes.PostgresConfigInvalid,
                $"PostgreSQL provider '{Shorten(config.Name)}' is misconfigured: {string.Join("; ", problems)}.",
                "Register it again: mandate provider add postgres --name <n> --connection \"Host=…;Username=…;Password=…\" [--template <access>=<SQL>].");
        }

        if (string.IsNullOrEmpty(admin.ApplicationName))
        {
            admin.ApplicationName = "mandate";
        }

        if (!config.Pooling)
        {
            admin.Pooling = false;
        }

        return new PostgresProvider(config, admin, newPassword);
    }

    public string Capability(LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"db:connect:postgres/{Parameter(request, DatabaseParameter) ?? "-"}/{Parameter(request, AccessParameter) ?? "-"}";
    }

    public Outcome<IssuedCredential> Issue(LeaseRequest request, LeaseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grant);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var checkedRequest = Check(request);
        if (!checkedRequest.IsSuccess)
        {
            return checkedRequest.Error;
        }

        var (database, access, template) = checkedRequest.Value;
        var role = RoleName(grant.LeaseId);
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        var password = _newPassword();
        var verifier = ScramVerifier.Compute(password);
        try
        {
            using var connection = Open(database);
            using var transaction = connection.BeginTransaction();

            // The server gets the SCRAM verifier, never the password: a failing statement echoed in the server's
            // log or an exception carries nothing that logs in. The role is transactional: a failing grant drops it.
            Execute(connection, transaction,
                $"CREATE ROLE {Quote(role.Value)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS " +
                $"PASSWORD '{verifier}' VALID UNTIL '{ValidUntil(grant.ExpiresAt)}'");
            Execute(connection, transaction,
                PostgresTemplates.Render(template, Quote(role.Value), Quote(database), Quote(PostgresTemplates.DefaultSchema)));
            transaction.Commit();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return PostgresFailure.From(e, ErrorCodes.PostgresIssueFailed, $"Creating the role for lease {grant.LeaseId}", Name, role.Value, password, verifier);
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [UsernameDetail] = role.Value,
            [DatabaseDetail] = database,
            [HostDetail] = _admin.Host ?? "",
            [PortDetail] = _admin.Port.ToString(CultureInfo.InvariantCulture),
            [AccessDetail] = access,
        };
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PasswordSecret] = password,
            [ConnectionStringSecret] = PostgresConnectionUri.Format(_admin, role.Value, password, database),
        };
        return new IssuedCredential(details, secrets);
    }

    /// <summary>The role a lease gets: <c>mandate_</c> and the first 12 hex digits of its id.</summary>
    public static Outcome<string> RoleName(string leaseId)
    {
        ArgumentNullException.ThrowIfNull(leaseId);
        var match = LeaseIdPattern().Match(leaseId);
        return match.Success
            ? RolePrefix + match.Groups[1].Value
            : new MandateError(ErrorCodes.PostgresRequestInvalid, $"Lease id '{Shorten(leaseId)}' is not lse_ and 32 hex digits.", "Report this: lease ids come from Mandate.");
    }

    private Outcome<(string Database, string Access, string Template)> Check(LeaseRequest request)
    {
        var problems = new List<string>();
        var database = Parameter(request, DatabaseParameter);
        var access = Parameter(request, AccessParameter);
        string? template = null;
        if (database is null)
        {
            problems.Add("no database (--database)");
        }
        else if (!DatabasePattern().IsMatch(database))
        {
            problems.Add($"database '{Shorten(database)}' is not 1–63 letters, digits, '_', '-' or '.'");
        }

        if (access is null)
        {
            problems.Add("no access (--access read|write|<template>)");
        }
        else if ((template = PostgresTemplates.Find(_config.Templates, access)) is null)
        {
            var known = _config.Templates.Keys.Concat([PostgresTemplates.Read, PostgresTemplates.Write]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            problems.Add($"access '{Shorten(access)}' is not a template of provider '{Name}' (known: {string.Join(", ", known)})");
        }

        foreach (var unknown in request.Parameters.Keys.Where(k => k is not DatabaseParameter and not AccessParameter).Order(StringComparer.Ordinal))
        {
            problems.Add($"unknown parameter '{Shorten(unknown)}'");
        }

        if (problems.Count > 0)
        {
            return new MandateError(ErrorCodes.PostgresRequestInvalid, $"PostgreSQL lease request is invalid: {string.Join("; ", problems)}.",
                "Ask for --database <name> --access read|write|<template>; mandate provider list shows the templates.");
        }

        return (database!, access!, template!);
    }

    private static string? Parameter(LeaseRequest request, string name) =>
        request.Parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static string NewPassword()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        var password = Base64Url(bytes);
        CryptographicOperations.ZeroMemory(bytes);
        return password;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>ISO 8601 in UTC, to the second (rounded down: the role never outlives the lease).</summary>
    private static string ValidUntil(DateTimeOffset expiresAt) =>
        expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Quote(string identifier) => QuoteBuilder.QuoteIdentifier(identifier);

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..61] + "...";

    private static readonly NpgsqlCommandBuilder QuoteBuilder = new();

    [GeneratedRegex("^lse_([0-9a-f]{12})[0-9a-f]{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex LeaseIdPattern();

    [GeneratedRegex("^mandate_[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabasePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccessPattern();
}
