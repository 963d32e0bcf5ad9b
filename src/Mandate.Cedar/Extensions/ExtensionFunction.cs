namespace Mandate.Cedar.Extensions;

/// <summary>One extension function or method (<c>ip</c>, <c>lessThan</c>, <c>offset</c>, ...).</summary>
internal sealed class ExtensionFunction(string name, bool isMethod, int minArgs, int maxArgs, ExtensionImplementation implementation)
{
    public string Name { get; } = name;

    /// <summary>Method style (<c>a.isIpv4()</c>) rather than function style (<c>ip("...")</c>).</summary>
    public bool IsMethod { get; } = isMethod;

    public CedarValue? Invoke(ReadOnlySpan<CedarValue> args, out string? error)
    {
        if (args.Length < minArgs || args.Length > maxArgs)
        {
            error = $"wrong number of arguments to `{Name}`: expected {minArgs}, got {args.Length}";
            return null;
        }

        return implementation(args, out error);
    }
}
