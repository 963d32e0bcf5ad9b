namespace Mandate.Core.Storage;

/// <summary>Broken infrastructure: the store could not be opened, read or written.</summary>
public sealed class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
