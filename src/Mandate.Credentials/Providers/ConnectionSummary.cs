namespace Mandate.Credentials.Providers;

/// <summary>
/// What may be shown of a database connection string: host, port and database, never the user or password.
/// Reads URIs (<c>postgresql://u:p@host:5432/db</c>), Npgsql (<c>Host=…;Database=…</c>) and libpq (<c>host=… dbname=…</c>) forms.
/// </summary>
public static class ConnectionSummary
{
    public static string Describe(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            return "(none)";
        }

        string? host = null, port = null, database = null;
        if (connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            if (Uri.TryCreate(connection, UriKind.Absolute, out var uri))
            {
                host = uri.Host;
                port = uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            }
        }
        else
        {
            var separators = connection.Contains(';', StringComparison.Ordinal) ? new[] { ';' } : new[] { ' ', '\t' };
            foreach (var part in connection.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                var value = part[(eq + 1)..].Trim().Trim('\'', '"');
                switch (part[..eq].Trim().ToUpperInvariant())
                {
                    case "HOST" or "SERVER":
                        host = value;
                        break;
                    case "PORT":
                        port = value;
                        break;
                    case "DATABASE" or "DBNAME" or "DB":
                        database = value;
                        break;
                }
            }
        }

        if (string.IsNullOrEmpty(host) && string.IsNullOrEmpty(database))
        {
            return "(unrecognised connection string)";
        }

        return $"{(string.IsNullOrEmpty(host) ? "localhost" : host)}{(string.IsNullOrEmpty(port) ? "" : ":" + port)}/{(string.IsNullOrEmpty(database) ? "(default)" : database)}";
    }
}
