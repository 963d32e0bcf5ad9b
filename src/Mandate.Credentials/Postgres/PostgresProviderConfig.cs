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
    IReadOnlyDictionary<string, string> Templates);
