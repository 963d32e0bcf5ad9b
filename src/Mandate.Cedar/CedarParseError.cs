namespace Mandate.Cedar;

/// <summary>A parse error at a 1-based line and column, saying what was expected.</summary>
public sealed record CedarParseError(int Line, int Column, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
