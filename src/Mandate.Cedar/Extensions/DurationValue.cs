using System.Globalization;

namespace Mandate.Cedar.Extensions;

/// <summary>A Cedar <c>duration</c>: a signed number of milliseconds.</summary>
public sealed class DurationValue : ExtensionValue
{
    internal DurationValue(long milliseconds)
    {
        Milliseconds = milliseconds;
    }

    public long Milliseconds { get; }

    public override string ExtensionName => "duration";

    internal override bool SupportsOperators => true;

    /// <summary>Parses Cedar duration text such as <c>-1d2h3m4s5ms</c>.</summary>
    public static bool TryParse(string text, out DurationValue? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        error = "invalid duration pattern";
        if (text.Length == 0 || text == "-")
        {
            return false;
        }

        var negative = text[0] == '-';
        var pos = negative ? 1 : 0;
        ReadOnlySpan<string> units = ["d", "h", "m", "s", "ms"];
        var amounts = new ulong?[5];
        var next = 0;
        while (pos < text.Length)
        {
            var start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            if (pos == start)
            {
                return false;
            }

            var digits = text.AsSpan(start, pos - start);
            string unit;
            if (pos + 1 < text.Length && text[pos] == 'm' && text[pos + 1] == 's')
            {
                unit = "ms";
                pos += 2;
            }
            else if (pos < text.Length && text[pos] is 'd' or 'h' or 'm' or 's')
            {
                unit = text[pos].ToString();
                pos++;
            }
            else
            {
                return false;
            }

            var index = units.IndexOf(unit);
            if (index < next)
            {
                return false;
            }

            next = index + 1;
            amounts[index] = ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (amounts[index] is null)
            {
                error = "Duration overflows internal representation";
                value = null;
                return false;
            }
        }

        ReadOnlySpan<long> factors = [86_400_000, 3_600_000, 60_000, 1000, 1];
        try
        {
            // Same order and overflow points as the reference: milliseconds first, then up to days.
            var ms = amounts[4] ?? 0;
            long total;
            if (negative && ms == (ulong)long.MaxValue + 1)
            {
                total = long.MinValue;
            }
            else
            {
                total = ms > long.MaxValue ? throw new OverflowException() : (negative ? -(long)ms : (long)ms);
            }

            for (var i = 3; i >= 0; i--)
            {
                var amount = amounts[i] ?? 0;
                if (amount > long.MaxValue)
                {
                    throw new OverflowException();
                }

                var part = checked((long)amount * factors[i]);
                total = negative ? checked(total - part) : checked(total + part);
            }

            value = new DurationValue(total);
            error = null;
            return true;
        }
        catch (OverflowException)
        {
            error = "Duration overflows internal representation";
            return false;
        }
    }

    internal override int CompareSameType(ExtensionValue other) => Milliseconds.CompareTo(((DurationValue)other).Milliseconds);

    public override bool Equals(CedarValue? other) => other is DurationValue d && d.Milliseconds == Milliseconds;

    public override int GetHashCode() => HashCode.Combine(5, Milliseconds);

    /// <summary>The constructor argument that rebuilds this value, in milliseconds.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}ms");

    public override string ToString() => "duration(\"" + Text + "\")";
}
