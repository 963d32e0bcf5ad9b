using System.Globalization;
using System.Text;

namespace Mandate.Core.Audit.Internal;

/// <summary>
/// ECMAScript Number.prototype.toString for finite doubles (ECMA-262 Number::toString, as RFC 8785
/// §3.2.2.3 requires): the shortest digits that round-trip, placed by the exponent rules below.
/// </summary>
internal static class JcsNumberFormatter
{
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0"; // also -0
        }

        // .NET's "R" gives the shortest round-tripping digits (like ECMAScript); only the layout differs.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        var start = negative ? 1 : 0;
        var ePos = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = ePos < 0 ? r.AsSpan(start) : r.AsSpan(start, ePos - start);
        var exponent = ePos < 0 ? 0 : int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        var dot = mantissa.IndexOf('.');
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        Span<char> digitBuffer = stackalloc char[32];
        var k = 0;
        foreach (var ch in mantissa)
        {
            if (ch != '.')
            {
                digitBuffer[k++] = ch;
            }
        }

        // n: position of the decimal point relative to the first significant digit (ECMA-262's n).
        var n = integerDigits + exponent;
        var digits = digitBuffer[..k];
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..];
        n -= leading;
        digits = digits.TrimEnd('0');
        k = digits.Length;

        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits[..n]).Append('.').Append(digits[n..]);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits[1..]);
            }

            sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
