namespace Mandate.Cedar.Parsing;

/// <summary>Unwinds the parser out of one malformed policy; never escapes the parser.</summary>
internal sealed class ParseFailure : Exception
{
    public ParseFailure()
    {
        Error = new CedarParseError(0, 0, "parse error");
    }

    public ParseFailure(string message)
        : base(message)
    {
        Error = new CedarParseError(0, 0, message);
    }

    public ParseFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new CedarParseError(0, 0, message);
    }

    public ParseFailure(CedarParseError error)
        : base(error?.Message)
    {
        Error = error ?? new CedarParseError(0, 0, "parse error");
    }

    public CedarParseError Error { get; }
}
