namespace Mandate.Cedar;

public sealed class StringValue : CedarValue
{
    public static readonly StringValue Empty = new(string.Empty);

    public StringValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    public string Value { get; }

    public override ValueKind Kind => ValueKind.String;

    public override bool Equals(CedarValue? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Parsing.CedarText.Quote(Value);
}
