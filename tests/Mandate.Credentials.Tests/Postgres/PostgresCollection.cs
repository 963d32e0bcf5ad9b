namespace Mandate.Credentials.Tests.Postgres;

/// <summary>One PostgreSQL server for every test that needs one; they run one after another against it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
