namespace Mandate.Cedar.Tests.Differential;

/// <summary>The names and literal values generated scenarios draw from: small pools so that values collide often.</summary>
internal static class Vocabulary
{
    public static readonly string[] PrincipalTypes = ["User", "Group"];

    public static readonly string[] ResourceTypes = ["Doc", "Folder", "Ns::Res"];

    public static readonly string[] AllTypes = ["User", "Group", "Doc", "Folder", "Ns::Res", "Action", "Other"];

    public static readonly string[] Ids = ["alice", "bob", "carol", "a", "", "x y", "ünï", "q\"t", "b\\s", "😀", "dev"];

    public static readonly string[] Actions = ["read", "write", "delete", "exec"];

    public static readonly string[] ActionGroups = ["readOnly", "all"];

    /// <summary>Attributes with the kind their values usually have (sometimes a value of the wrong kind is stored).</summary>
    public static readonly (string Name, Kind Kind)[] Attributes =
    [
        ("name", Kind.String), ("path", Kind.String), ("first name", Kind.String), ("level", Kind.Long), ("age", Kind.Long),
        ("active", Kind.Bool), ("owner", Kind.Entity), ("roles", Kind.StringSet), ("nums", Kind.LongSet),
        ("groups", Kind.EntitySet), ("addr", Kind.Ip), ("score", Kind.Decimal), ("created", Kind.DateTime),
        ("ttl", Kind.Duration), ("info", Kind.Record),
    ];

    public static readonly string[] TagKeys = ["env", "team", "level", "x y"];

    public static readonly string[] Strings =
    [
        "", "a", "abc", "ABC", "/src/main.rs", "/src/lib/a.cs", "/etc/secret.key", "a*b", "*", "ünï", "😀", "x\ny",
        "q\"t", "b\\s", "tab\tx", "dev", "prod", "git", "rm", "alice",
    ];

    public static readonly long[] SmallLongs = [0, 1, -1, 2, 7, 42, 100, -100, 2147483648, 9007199254740991, -9007199254740991];

    /// <summary>Policy text holds full 64-bit literals (JSON data stays within ±2^53, which Node reads exactly).</summary>
    public static readonly long[] TextLongs =
    [
        0, 1, -1, 7, 100, 3037000500, 4294967296, 4611686018427387904, long.MaxValue, long.MinValue, -4611686018427387904,
    ];

    public static readonly string[] IpLiterals =
    [
        "10.0.0.1", "192.168.1.0/24", "127.0.0.1", "127.0.0.0/8", "::1", "ff02::1", "224.0.0.1", "10.0.0.0/8",
        "2001:db8::/32", "0.0.0.0/0", "::ffff:10.0.0.1", "not-an-ip", "10.0.0.1/33", "10.0.0.01", "::/0", "1.2.3.4/32",
    ];

    public static readonly string[] DecimalLiterals =
    [
        "0.0", "1.5", "-1.25", "1.2345", "922337203685477.5807", "-922337203685477.5808", "1.23456", "abc", "1.", "-0.0",
        "12345678901234567.0", "100.0",
    ];

    public static readonly string[] DateTimeLiterals =
    [
        "2024-10-15", "2024-10-15T11:35:00Z", "2024-10-15T11:35:00.123Z", "2024-10-15T11:35:00+0100",
        "2024-10-15T11:35:00.000-0230", "1969-12-31T23:59:59Z", "2024-02-30", "bad", "2024-1-1", "0001-01-01", "2024-02-29",
    ];

    public static readonly string[] DurationLiterals =
    [
        "1h", "-1d2h", "1d2h3m4s5ms", "0ms", "90m", "2562047788015215ms", "1x", "", "1h1d", "-9223372036854775808ms", "3s",
    ];
}
