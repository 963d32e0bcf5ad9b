using System.Diagnostics.CodeAnalysis;

namespace Mandate.Cedar.Extensions;

/// <summary>The registry of Cedar's extension functions.</summary>
internal static partial class ExtensionFunctions
{
    private static readonly Dictionary<string, ExtensionFunction> All = Build();

    public static bool TryGet(string name, [NotNullWhen(true)] out ExtensionFunction? function) => All.TryGetValue(name, out function);

    public static bool IsMethod(string name) => All.TryGetValue(name, out var f) && f.IsMethod;

    public static bool IsFunction(string name) => All.TryGetValue(name, out var f) && !f.IsMethod;

    private static Dictionary<string, ExtensionFunction> Build()
    {
        var list = new List<ExtensionFunction>
        {
            Constructor("ip", s => IpAddrValue.TryParse(s, out var v, out var e) ? (v, null) : (null, e)),
            Constructor("decimal", s => DecimalValue.TryParse(s, out var v, out var e) ? (v, null) : (null, e)),
            Constructor("datetime", s => DateTimeValue.TryParse(s, out var v, out var e) ? (v, null) : (null, e)),
            Constructor("duration", s => DurationValue.TryParse(s, out var v, out var e) ? (v, null) : (null, e)),
            IpPredicate("isIpv4", ip => ip.IsIpv4),
            IpPredicate("isIpv6", ip => ip.IsIpv6),
            IpPredicate("isLoopback", ip => ip.IsLoopback),
            IpPredicate("isMulticast", ip => ip.IsMulticast),
            new("isInRange", true, 2, 2, IsInRange),
            DecimalComparison("lessThan", c => c < 0),
            DecimalComparison("lessThanOrEqual", c => c <= 0),
            DecimalComparison("greaterThan", c => c > 0),
            DecimalComparison("greaterThanOrEqual", c => c >= 0),
        };
        list.AddRange(DateTimeFunctions());
        return list.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    private static ExtensionFunction Constructor(string name, Func<string, (CedarValue? Value, string? Error)> parse) =>
        new(name, false, 1, 1, (ReadOnlySpan<CedarValue> args, out string? error) =>
        {
            if (args[0] is not StringValue s)
            {
                error = TypeError("String", args[0]);
                return null;
            }

            var (value, message) = parse(s.Value);
            error = value is null ? "error while evaluating `" + name + "` extension function: " + message : null;
            return value;
        });

    private static ExtensionFunction IpPredicate(string name, Func<IpAddrValue, bool> predicate) =>
        new(name, true, 1, 1, (ReadOnlySpan<CedarValue> args, out string? error) =>
        {
            if (args[0] is not IpAddrValue ip)
            {
                error = TypeError("ipaddr", args[0]);
                return null;
            }

            error = null;
            return BoolValue.Of(predicate(ip));
        });

    private static CedarValue? IsInRange(ReadOnlySpan<CedarValue> args, out string? error)
    {
        if (args[0] is not IpAddrValue child)
        {
            error = TypeError("ipaddr", args[0]);
            return null;
        }

        var result = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is not IpAddrValue range)
            {
                error = TypeError("ipaddr", args[i]);
                return null;
            }

            result |= child.IsInRange(range);
        }

        error = null;
        return BoolValue.Of(result);
    }

    private static ExtensionFunction DecimalComparison(string name, Func<int, bool> test) =>
        new(name, true, 2, 2, (ReadOnlySpan<CedarValue> args, out string? error) =>
        {
            if (args[0] is not DecimalValue left)
            {
                error = TypeError("decimal", args[0]);
                return null;
            }

            if (args[1] is not DecimalValue right)
            {
                error = TypeError("decimal", args[1]);
                return null;
            }

            error = null;
            return BoolValue.Of(test(left.Scaled.CompareTo(right.Scaled)));
        });

    internal static string TypeError(string expected, CedarValue actual) =>
        "type error: expected " + expected + ", got " + actual.TypeName;
}
