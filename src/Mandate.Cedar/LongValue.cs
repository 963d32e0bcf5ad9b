using System.Globalization;

namespace Mandate.Cedar;

public sealed class LongValue : CedarValue
{
    private static readonly LongValue[] Small = CreateSmall();

    private LongValue(long value)
    {
        Value = value;
    }

    public long Value { get; }

    public override ValueKind Kind => ValueKind.Long;

    /// <summary>Returns the value, sharing instances for small numbers so hot paths do not allocate.</summary>
    public static LongValue Of(long value) =>
        value is >= -16 and < 240 ? Small[value + 16] : new LongValue(value);

    public override bool Equals(CedarValue? other) => other is LongValue l && l.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    private static LongValue[] CreateSmall()
    {
        var values = new LongValue[256];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new LongValue(i - 16);
        }

        return values;
    }
}
