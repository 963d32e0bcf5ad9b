namespace Mandate.Cedar;

/// <summary>Entity, request or context JSON that is not valid Cedar data.</summary>
public sealed class CedarJsonException : Exception
{
    public CedarJsonException()
    {
    }

    public CedarJsonException(string message)
        : base(message)
    {
    }

    public CedarJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
