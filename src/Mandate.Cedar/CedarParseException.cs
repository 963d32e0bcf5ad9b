namespace Mandate.Cedar;

/// <summary>Thrown by the throwing parse helpers; carries every error found.</summary>
public sealed class CedarParseException : Exception
{
    public CedarParseException()
        : this([])
    {
    }

    public CedarParseException(string message)
        : base(message)
    {
        Errors = [new CedarParseError(0, 0, message)];
    }

    public CedarParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new CedarParseError(0, 0, message)];
    }

    public CedarParseException(IReadOnlyList<CedarParseError> errors)
        : base(errors is null || errors.Count == 0 ? "parse error" : string.Join(Environment.NewLine, errors))
    {
        Errors = errors ?? [];
    }

    public IReadOnlyList<CedarParseError> Errors { get; }
}
