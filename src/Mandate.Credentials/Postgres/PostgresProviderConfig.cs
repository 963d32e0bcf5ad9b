using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Credentials.Providers;

namespace Mandate.Credentials.Postgres;

/// <summary>
/// A PostgreSQL server registered with <c>mandate provider add postgres</c>: the admin connection that creates and
/// drops lease roles, and the grant templates by access name (<c>read</c> and <c>write</c> are built in; a template
/// of the same name replaces the built-in one).
/// </summary>
/// <param name="Name">The provider's name, as given to <c>--provider</c>.</param>
/// <param name="AdminConnectionString">An Npgsql connection string for a role that may create, alter and drop roles
/// and grant on the databases leased (a superuser, or a CREATEROLE role owning the objects).</param>
/// <param name="Templates">Access name to grant statements, with <c>{{name}}</c>, <c>{{database}}</c> and
/// <c>{{schema}}</c> replaced by quoted identifiers (write <c>{{name}}</c>, not <c>"{{name}}"</c>).</param>
public sealed record PostgresProviderConfig(
    string Name,
    string AdminConnectionString,
    IReadOnlyDictionary<string, string> Templates)
{
    /// <summary>Pool admin connections (a server keeps them; a one-shot CLI process has nothing to reuse them for).</summary>
    public bool Pooling { get; init; } = true;

    /// <summary>The configuration <c>mandate provider add postgres</c> stored: <c>{"connection": "…", "templates": {"&lt;access&gt;": "&lt;SQL&gt;"}}</c>.</summary>
    public static Outcome<PostgresProviderConfig> From(RegisteredProvider registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (registered.Kind != PostgresProvider.KindName)
        {
            return new MandateError(ErrorCodes.PostgresConfigInvalid, $"Provider '{registered.Name}' is a {registered.Kind} provider, not postgres.",
                "Name a postgres provider: mandate provider list shows each provider's kind.");
        }

        var connection = registered.Config["connection"] is JsonValue c && c.TryGetValue<string>(out var text) ? text : null;
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        var malformed = connection is null;
        if (registered.Config["templates"] is JsonObject configured)
        {
            foreach (var (access, sql) in configured)
            {
                if (sql is JsonValue v && v.TryGetValue<string>(out var statement))
                {
                    templates[access] = statement;
                }
                else
                {
                    malformed = true;
                }
            }
        }
        else if (registered.Config["templates"] is not null)
        {
            malformed = true;
        }

        return malformed
            ? new MandateError(ErrorCodes.PostgresConfigInvalid, $"The stored configuration of provider '{registered.Name}' has no connection string or malformed templates.",
                "Register it again: mandate provider add postgres --name <n> --connection <admin connection string> [--template <access>=<SQL>].")
            : new PostgresProviderConfig(registered.Name, connection!, templates);
    }
}
