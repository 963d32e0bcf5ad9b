namespace Mandate.Cedar.Schema;

/// <summary>Unwinds the schema parser to the end of the declaration being read.</summary>
internal sealed class SchemaSyntaxException(SchemaError error) : Exception(error.Message)
{
    public SchemaError Error { get; } = error;
}
