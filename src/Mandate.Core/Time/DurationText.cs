using System.Globalization;
using Mandate.Core.Errors;

namespace Mandate.Core.Time;

/// <summary>Durations as people write them: <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>2h30m</c>, <c>1d</c>.</summary>
public static class DurationText
{
    public static Outcome<TimeSpan> Parse(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid(text, what, "it is empty");
        }

        // Seconds in a long: nine digits times a day's seconds cannot overflow it, and the total is
        // checked against TimeSpan's range at every step, so no input can throw.
        var maxSeconds = (long)TimeSpan.MaxValue.TotalSeconds;
        var seconds = 0L;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (start == i || i == text.Length)
            {
                return Invalid(text, what, "each number needs a unit: s, m, h or d");
            }

            if (i - start > 9 || !long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return Invalid(text, what, "the number is too large");
            }

            long unit;
            switch (text[i])
            {
                case 's': unit = 1; break;
                case 'm': unit = 60; break;
                case 'h': unit = 3600; break;
                case 'd': unit = 86400; break;
                default: return Invalid(text, what, $"unknown unit '{text[i]}'");
            }

            seconds += n * unit;
            if (seconds > maxSeconds)
            {
                return Invalid(text, what, "it is too large");
            }

            i++;
        }

        var total = TimeSpan.FromSeconds(seconds);
        return total > TimeSpan.Zero ? total : Invalid(text, what, "it must be longer than zero");
    }

    /// <summary>Formats as the largest exact units: 3600 s → <c>1h</c>, 5400 s → <c>1h30m</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>(4);
        if (value.Days > 0)
        {
            parts.Add($"{value.Days}d");
        }

        if (value.Hours > 0)
        {
            parts.Add($"{value.Hours}h");
        }

        if (value.Minutes > 0)
        {
            parts.Add($"{value.Minutes}m");
        }

        if (value.Seconds > 0)
        {
            parts.Add($"{value.Seconds}s");
        }

        return string.Concat(parts);
    }

    private static MandateError Invalid(string? text, string what, string why) => new(
        ErrorCodes.TtlInvalid,
        $"{what} '{text}' is not a duration: {why}.",
        "Write a duration such as 90s, 5m, 1h or 2h30m.");
}
