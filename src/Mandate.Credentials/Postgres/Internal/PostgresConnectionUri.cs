using System.Globalization;
using System.Text;
using Npgsql;

namespace Mandate.Credentials.Postgres.Internal;

/// <summary>
/// The lessee's connection string as a libpq URI (<c>postgresql://user:password@host:port/database</c>), which psql,
/// libpq, psycopg, node-postgres and most drivers take as it is; <c>sslmode</c> follows the admin connection's.
/// </summary>
internal static class PostgresConnectionUri
{
    public static string Format(NpgsqlConnectionStringBuilder admin, string user, string password, string database)
    {
        var uri = new StringBuilder("postgresql://")
            .Append(Uri.EscapeDataString(user)).Append(':').Append(Uri.EscapeDataString(password)).Append('@');
        var host = admin.Host ?? "localhost";
        uri.Append(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : Uri.EscapeDataString(host))
            .Append(':').Append(admin.Port.ToString(CultureInfo.InvariantCulture))
            .Append('/').Append(Uri.EscapeDataString(database));
        var sslMode = admin.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => null,
        };
        if (sslMode is not null)
        {
            uri.Append("?sslmode=").Append(sslMode);
        }

        return uri.ToString();
    }
}
