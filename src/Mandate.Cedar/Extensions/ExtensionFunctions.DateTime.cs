namespace Mandate.Cedar.Extensions;

internal static partial class ExtensionFunctions
{
    private static IEnumerable<ExtensionFunction> DateTimeFunctions()
    {
        yield return new("offset", true, 2, 2, (ReadOnlySpan<CedarValue> args, out string? error) =>
        {
            if (!TwoArgs<DateTimeValue, DurationValue>(args, "datetime", "duration", out var dt, out var d, out error))
            {
                return null;
            }

            var sum = dt.EpochMilliseconds + d.Milliseconds;
            if (((dt.EpochMilliseconds ^ sum) & (d.Milliseconds ^ sum)) < 0)
            {
                error = "overflows when adding an offset";
                return null;
            }

            return new DateTimeValue(sum);
        });
        yield return new("durationSince", true, 2, 2, (ReadOnlySpan<CedarValue> args, out string? error) =>
        {
            if (!TwoArgs<DateTimeValue, DateTimeValue>(args, "datetime", "datetime", out var a, out var b, out error))
            {
                return null;
            }

            var diff = a.EpochMilliseconds - b.EpochMilliseconds;
            if (((a.EpochMilliseconds ^ b.EpochMilliseconds) & (a.EpochMilliseconds ^ diff)) < 0)
            {
                error = "overflows when computing the duration";
                return null;
            }

            return new DurationValue(diff);
        });
        yield return new("toDate", true, 1, 1, (ReadOnlySpan<CedarValue> args, out string? error) =>
        {
            if (args[0] is not DateTimeValue dt)
            {
                error = TypeError("datetime", args[0]);
                return null;
            }

            var epoch = dt.EpochMilliseconds;
            var rem = ((epoch % DateTimeValue.DayMilliseconds) + DateTimeValue.DayMilliseconds) % DateTimeValue.DayMilliseconds;
            if (epoch < long.MinValue + rem)
            {
                error = "overflows when computing the date";
                return null;
            }

            error = null;
            return new DateTimeValue(epoch - rem);
        });
        yield return new("toTime", true, 1, 1, (ReadOnlySpan<CedarValue> args, out string? error) =>
        {
            if (args[0] is not DateTimeValue dt)
            {
                error = TypeError("datetime", args[0]);
                return null;
            }

            var rem = dt.EpochMilliseconds % DateTimeValue.DayMilliseconds;
            if (rem < 0)
            {
                rem += DateTimeValue.DayMilliseconds;
            }

            error = null;
            return new DurationValue(rem);
        });
        yield return DurationPart("toMilliseconds", 1);
        yield return DurationPart("toSeconds", 1000);
        yield return DurationPart("toMinutes", 60_000);
        yield return DurationPart("toHours", 3_600_000);
        yield return DurationPart("toDays", DateTimeValue.DayMilliseconds);
    }

    private static ExtensionFunction DurationPart(string name, long divisor) =>
        new(name, true, 1, 1, (ReadOnlySpan<CedarValue> args, out string? error) =>
        {
            if (args[0] is not DurationValue d)
            {
                error = TypeError("duration", args[0]);
                return null;
            }

            error = null;
            return LongValue.Of(d.Milliseconds / divisor);
        });

    private static bool TwoArgs<TA, TB>(ReadOnlySpan<CedarValue> args, string nameA, string nameB, out TA a, out TB b, out string? error)
        where TA : CedarValue
        where TB : CedarValue
    {
        a = null!;
        b = null!;
        if (args[0] is not TA first)
        {
            error = TypeError(nameA, args[0]);
            return false;
        }

        if (args[1] is not TB second)
        {
            error = TypeError(nameB, args[1]);
            return false;
        }

        a = first;
        b = second;
        error = null;
        return true;
    }
}
