namespace Mandate.Credentials.Postgres;

/// <summary>
/// The grant templates, like Vault's <c>creation_statements</c> without the CREATE ROLE (Mandate creates the role
/// itself so that the password never appears in configuration or in SQL text). Placeholders are replaced by quoted
/// identifiers, so a database name cannot inject SQL.
/// </summary>
public static class PostgresTemplates
{
    public const string Read = "read";

    public const string Write = "write";

    public const string ReadSql =
        """
        GRANT CONNECT ON DATABASE {{database}} TO {{name}};
        GRANT USAGE ON SCHEMA {{schema}} TO {{name}};
        GRANT SELECT ON ALL TABLES IN SCHEMA {{schema}} TO {{name}};
        """;

    public const string WriteSql =
        ReadSql + "\n" +
        """
        GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {{schema}} TO {{name}};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {{schema}} TO {{name}};
        """;

    /// <summary>The schema <c>{{schema}}</c> stands for.</summary>
    public const string DefaultSchema = "public";

    /// <summary>The template for an access name: the configured one, else a built-in one, else null.</summary>
    public static string? Find(IReadOnlyDictionary<string, string> configured, string access)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (configured.TryGetValue(access, out var sql))
        {
            return sql;
        }

        return access switch
        {
            Read => ReadSql,
            Write => WriteSql,
            _ => null,
        };
    }

    /// <summary>Replaces the placeholders with the quoted identifiers.</summary>
    public static string Render(string template, string quotedRole, string quotedDatabase, string quotedSchema)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template
            .Replace("{{name}}", quotedRole, StringComparison.Ordinal)
            .Replace("{{database}}", quotedDatabase, StringComparison.Ordinal)
            .Replace("{{schema}}", quotedSchema, StringComparison.Ordinal);
    }
}
