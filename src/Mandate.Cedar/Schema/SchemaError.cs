namespace Mandate.Cedar.Schema;

/// <summary>A schema problem at a 1-based line and column (0 when the position is unknown).</summary>
public sealed record SchemaError(int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{Line}:{Column}: {Message}" : Message;
}
