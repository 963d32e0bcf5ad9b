using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

/// <summary>The argument and result types of an extension function; constructors also check literal arguments.</summary>
internal sealed record ExtensionSignature(CedarType[] Arguments, CedarType Result, bool IsConstructor)
{
    private static readonly CedarType IpAddr = CedarType.Extension("ipaddr");
    private static readonly CedarType Decimal = CedarType.Extension("decimal");
    private static readonly CedarType DateTime = CedarType.Extension("datetime");
    private static readonly CedarType Duration = CedarType.Extension("duration");

    public static ExtensionSignature? For(string name) => name switch
    {
        "ip" => new([CedarType.String], IpAddr, true),
        "decimal" => new([CedarType.String], Decimal, true),
        "datetime" => new([CedarType.String], DateTime, true),
        "duration" => new([CedarType.String], Duration, true),
        "isIpv4" or "isIpv6" or "isLoopback" or "isMulticast" => new([IpAddr], CedarType.Bool, false),
        "isInRange" => new([IpAddr, IpAddr], CedarType.Bool, false),
        "lessThan" or "lessThanOrEqual" or "greaterThan" or "greaterThanOrEqual" => new([Decimal, Decimal], CedarType.Bool, false),
        "offset" => new([DateTime, Duration], DateTime, false),
        "durationSince" => new([DateTime, DateTime], Duration, false),
        "toDate" => new([DateTime], DateTime, false),
        "toTime" => new([DateTime], Duration, false),
        "toMilliseconds" or "toSeconds" or "toMinutes" or "toHours" or "toDays" => new([Duration], CedarType.Long, false),
        _ => null,
    };
}
