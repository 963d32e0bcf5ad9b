using System.Globalization;

namespace Mandate.Cedar.Extensions;

/// <summary>A Cedar <c>datetime</c>: milliseconds since the Unix epoch (UTC), covering years 0000 to 9999 when parsed.</summary>
public sealed class DateTimeValue : ExtensionValue
{
    internal const long DayMilliseconds = 86_400_000;

    internal DateTimeValue(long epochMilliseconds)
    {
        EpochMilliseconds = epochMilliseconds;
    }

    public long EpochMilliseconds { get; }

    public override string ExtensionName => "datetime";

    internal override bool SupportsOperators => true;

    /// <summary>
    /// Parses <c>YYYY-MM-DD</c>, optionally followed by <c>Thh:mm:ss</c> and then <c>Z</c>, <c>.sssZ</c>,
    /// <c>(+|-)hhmm</c> or <c>.sss(+|-)hhmm</c>.
    /// </summary>
    public static bool TryParse(string text, out DateTimeValue? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        if (!Digits(text, 0, 4) || !At(text, 4, '-') || !Digits(text, 5, 2) || !At(text, 7, '-') || !Digits(text, 8, 2))
        {
            error = "invalid date pattern";
            return false;
        }

        var year = Number(text, 0, 4);
        var month = Number(text, 5, 2);
        var day = Number(text, 8, 2);
        long hour = 0, minute = 0, second = 0, milli = 0, offsetSeconds = 0;
        if (text.Length > 10)
        {
            if (!At(text, 10, 'T') || !Digits(text, 11, 2) || !At(text, 13, ':') || !Digits(text, 14, 2) || !At(text, 16, ':') || !Digits(text, 17, 2))
            {
                error = "invalid hour/minute/second pattern";
                return false;
            }

            hour = Number(text, 11, 2);
            minute = Number(text, 14, 2);
            second = Number(text, 17, 2);
            var pos = 19;
            if (At(text, pos, '.'))
            {
                if (!Digits(text, pos + 1, 3))
                {
                    error = "invalid millisecond and/or offset pattern";
                    return false;
                }

                milli = Number(text, pos + 1, 3);
                pos += 4;
            }

            if (At(text, pos, 'Z') && text.Length == pos + 1)
            {
                offsetSeconds = 0;
            }
            else if ((At(text, pos, '+') || At(text, pos, '-')) && Digits(text, pos + 1, 4) && text.Length == pos + 5)
            {
                var hh = Number(text, pos + 1, 2);
                var mm = Number(text, pos + 3, 2);
                if (hh >= 24 || mm >= 60)
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"invalid offset range: {hh}{mm}");
                    return false;
                }

                offsetSeconds = (hh * 3600) + (mm * 60);
                if (text[pos] == '-')
                {
                    offsetSeconds = -offsetSeconds;
                }
            }
            else
            {
                error = "invalid millisecond and/or offset pattern";
                return false;
            }
        }

        if (!IsValidDate(year, month, day))
        {
            error = "invalid date: " + text[..10];
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            error = "invalid hour/minute/second: " + text[11..19];
            return false;
        }

        var days = DaysFromCivil(year, month, day);
        var epoch = (days * DayMilliseconds) + (hour * 3_600_000) + (minute * 60_000) + (second * 1000) + milli - (offsetSeconds * 1000);
        value = new DateTimeValue(epoch);
        error = null;
        return true;
    }

    internal override int CompareSameType(ExtensionValue other) => EpochMilliseconds.CompareTo(((DateTimeValue)other).EpochMilliseconds);

    public override bool Equals(CedarValue? other) => other is DateTimeValue d && d.EpochMilliseconds == EpochMilliseconds;

    public override int GetHashCode() => HashCode.Combine(4, EpochMilliseconds);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"datetime(\"1970-01-01\").offset(duration(\"{EpochMilliseconds}ms\"))");

    /// <summary>Days since 1970-01-01 in the proleptic Gregorian calendar (works for year 0).</summary>
    internal static long DaysFromCivil(long year, long month, long day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yoe = year - (era * 400);
        var doy = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    private static bool IsValidDate(long year, long month, long day)
    {
        if (month is < 1 or > 12 || day < 1)
        {
            return false;
        }

        var leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        ReadOnlySpan<int> lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        var max = lengths[(int)month - 1] + (month == 2 && leap ? 1 : 0);
        return day <= max;
    }

    private static bool At(string s, int index, char c) => index < s.Length && s[index] == c;

    private static bool Digits(string s, int start, int count)
    {
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static long Number(string s, int start, int count)
    {
        long n = 0;
        for (var i = start; i < start + count; i++)
        {
            n = (n * 10) + (s[i] - '0');
        }

        return n;
    }
}
