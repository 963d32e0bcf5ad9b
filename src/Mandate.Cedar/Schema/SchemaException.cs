namespace Mandate.Cedar.Schema;

/// <summary>Thrown by <see cref="CedarSchema.Parse"/> and <see cref="CedarSchema.ParseJson"/>; lists every error.</summary>
public sealed class SchemaException : Exception
{
    public SchemaException()
        : this([])
    {
    }

    public SchemaException(string message)
        : base(message)
    {
        Errors = [new SchemaError(0, 0, message)];
    }

    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new SchemaError(0, 0, message)];
    }

    public SchemaException(IReadOnlyList<SchemaError> errors)
        : base(errors.Count == 0 ? "invalid schema" : string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<SchemaError> Errors { get; }
}
