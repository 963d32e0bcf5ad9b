using System.Globalization;

namespace Mandate.Cedar.Extensions;

/// <summary>A Cedar <c>decimal</c>: a signed fixed-point number with four fractional digits.</summary>
public sealed class DecimalValue : ExtensionValue
{
    private const int Digits = 4;

    internal DecimalValue(long scaled)
    {
        Scaled = scaled;
    }

    /// <summary>The value times 10,000.</summary>
    public long Scaled { get; }

    public override string ExtensionName => "decimal";

    /// <summary>Parses <c>-?digits.digits</c> with one to four fractional digits, as Cedar does.</summary>
    public static bool TryParse(string text, out DecimalValue? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var intStart = negative ? 1 : 0;
        if (dot < 0 || dot == intStart || dot == text.Length - 1 || !AllDigits(text, intStart, dot) || !AllDigits(text, dot + 1, text.Length))
        {
            error = "`" + text + "` is not a well-formed decimal value";
            return false;
        }

        var fraction = text.AsSpan(dot + 1);
        if (!long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            error = "overflow when converting to decimal";
            return false;
        }

        if (fraction.Length > Digits)
        {
            error = "too many digits after the decimal in `" + text + "`";
            return false;
        }

        var frac = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        for (var i = fraction.Length; i < Digits; i++)
        {
            frac *= 10;
        }

        try
        {
            var scaled = checked(whole * 10_000);
            scaled = negative ? checked(scaled - frac) : checked(scaled + frac);
            value = new DecimalValue(scaled);
            error = null;
            return true;
        }
        catch (OverflowException)
        {
            error = "overflow when converting to decimal";
            return false;
        }
    }

    public override bool Equals(CedarValue? other) => other is DecimalValue d && d.Scaled == Scaled;

    public override int GetHashCode() => HashCode.Combine(3, Scaled);

    /// <summary>The constructor argument that rebuilds this value, with four fractional digits.</summary>
    public string Text
    {
        get
        {
            var abs = Int128.Abs(Scaled);
            var sign = Scaled < 0 ? "-" : string.Empty;
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 10_000}.{abs % 10_000:D4}");
        }
    }

    public override string ToString() => "decimal(\"" + Text + "\")";

    private static bool AllDigits(string s, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
