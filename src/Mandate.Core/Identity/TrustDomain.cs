using Mandate.Core.Errors;

namespace Mandate.Core.Identity;

/// <summary>
/// A SPIFFE trust domain name (SPIFFE-ID §2.1): lowercase letters, digits, '.', '-', '_';
/// at most 255 bytes; no scheme, port, userinfo or path.
/// </summary>
public sealed record TrustDomain
{
    public const int MaxLength = 255;

    private TrustDomain(string name) => Name = name;

    public string Name { get; }

    /// <summary>The trust domain's own SPIFFE ID, <c>spiffe://name</c>, used by its signing authority.</summary>
    public string IdString => SpiffeId.Prefix + Name;

    public static Outcome<TrustDomain> Parse(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Invalid(name, "it is empty");
        }

        if (name.StartsWith(SpiffeId.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid(name, "give the bare name, without the spiffe:// scheme");
        }

        if (name.Length > MaxLength)
        {
            return Invalid(name, $"it is longer than {MaxLength} characters");
        }

        foreach (var c in name)
        {
            if (c is ':' )
            {
                return Invalid(name, "a port or ':' is not allowed");
            }

            if (c is '@')
            {
                return Invalid(name, "userinfo ('@') is not allowed");
            }

            if (c is '/')
            {
                return Invalid(name, "a path ('/') is not allowed");
            }

            if (c is >= 'A' and <= 'Z')
            {
                return Invalid(name, "it must be lowercase");
            }

            if (!IsTrustDomainChar(c))
            {
                return Invalid(name, $"character '{Printable(c)}' is not allowed (only a-z, 0-9, '.', '-', '_')");
            }
        }

        return new TrustDomain(name);
    }

    public override string ToString() => Name;

    internal static bool IsTrustDomainChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_';

    internal static string Printable(char c) => char.IsControl(c) || c > 126 ? $"U+{(int)c:X4}" : c.ToString();

    private static MandateError Invalid(string? name, string why) => new(
        ErrorCodes.TrustDomainInvalid,
        $"Trust domain '{Shorten(name)}' is invalid: {why}.",
        "Use a name such as 'acme.dev': lowercase letters, digits, '.', '-' and '_' only (SPIFFE-ID spec §2.1).");

    private static string Shorten(string? s) => s is null ? "" : s.Length > 80 ? s[..80] + "…" : s;
}
