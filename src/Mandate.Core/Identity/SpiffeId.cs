using Mandate.Core.Errors;

namespace Mandate.Core.Identity;

/// <summary>
/// A SPIFFE ID (SPIFFE-ID spec §2): <c>spiffe://trust-domain/path</c>. Parsing is strict:
/// lowercase scheme and trust domain, path segments of [a-zA-Z0-9.-_], no empty, '.' or '..'
/// segments, no trailing '/', no percent-encoding, query, fragment, port or userinfo; at most 2048 bytes.
/// </summary>
public sealed record SpiffeId
{
    public const string Prefix = "spiffe://";
    public const int MaxLength = 2048;

    private SpiffeId(TrustDomain trustDomain, string path)
    {
        TrustDomain = trustDomain;
        Path = path;
    }

    public TrustDomain TrustDomain { get; }

    /// <summary>The path, starting with '/', or empty for the trust domain's own ID.</summary>
    public string Path { get; }

    public override string ToString() => Prefix + TrustDomain.Name + Path;

    public static Outcome<SpiffeId> Parse(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return Invalid(id, "it is empty");
        }

        if (id.Length > MaxLength)
        {
            return Invalid(id, $"it is longer than {MaxLength} bytes");
        }

        if (!id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Invalid(id, "it must start with 'spiffe://' (lowercase)");
        }

        var rest = id.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        var host = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? ReadOnlySpan<char>.Empty : rest[slash..];
        if (host.IsEmpty)
        {
            return Invalid(id, "the trust domain is missing");
        }

        // 'user:password@host' would otherwise be reported as a port, at its ':'.
        if (host.Contains('@'))
        {
            return Invalid(id, DescribeBadHostChar('@'));
        }

        foreach (var c in host)
        {
            if (!TrustDomain.IsTrustDomainChar(c))
            {
                return Invalid(id, DescribeBadHostChar(c));
            }
        }

        var td = TrustDomain.Parse(host.ToString());
        if (!td.IsSuccess)
        {
            return Invalid(id, td.Error.Message);
        }

        var pathError = CheckPath(path);
        return pathError is null ? new SpiffeId(td.Value, path.ToString()) : Invalid(id, pathError);
    }

    /// <summary>Builds <c>spiffe://td/seg1/seg2…</c>, checking every segment.</summary>
    public static Outcome<SpiffeId> Create(TrustDomain trustDomain, params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(trustDomain);
        ArgumentNullException.ThrowIfNull(segments);
        var bad = segments.FirstOrDefault(s => !IsValidSegment(s));
        if (bad is not null)
        {
            return Invalid(Prefix + trustDomain.Name + "/…", $"'{bad}' is not one path segment (1 or more of a-z, A-Z, 0-9, '.', '-', '_'; not '.' or '..')");
        }

        return Parse(Prefix + trustDomain.Name + string.Concat(segments.Select(s => "/" + s)));
    }

    /// <summary>Whether <paramref name="segment"/> is a valid path segment (non-empty, [a-zA-Z0-9.-_], not '.' or '..').</summary>
    public static bool IsValidSegment(string segment) =>
        segment is not null && !segment.Contains('/', StringComparison.Ordinal) && CheckPath("/" + segment) is null;

    private static string? CheckPath(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return null;
        }

        if (path[^1] == '/')
        {
            return "the path must not end with '/'";
        }

        var start = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                var c = path[i];
                if (c == '%')
                {
                    return "percent-encoding is not allowed in the path";
                }

                if (c is '?' or '#')
                {
                    return "a query or fragment is not allowed";
                }

                if (!IsPathChar(c))
                {
                    return $"character '{TrustDomain.Printable(c)}' is not allowed in the path (only a-z, A-Z, 0-9, '.', '-', '_')";
                }

                continue;
            }

            var segment = path[start..i];
            if (segment.IsEmpty)
            {
                return "the path has an empty segment ('//')";
            }

            if (segment is "." or "..")
            {
                return "the path has a '.' or '..' segment";
            }

            start = i + 1;
        }

        return null;
    }

    private static string DescribeBadHostChar(char c) => c switch
    {
        ':' => "a port or ':' is not allowed in the trust domain",
        '@' => "userinfo ('@') is not allowed",
        '?' or '#' => "a query or fragment is not allowed",
        '%' => "percent-encoding is not allowed in the trust domain",
        >= 'A' and <= 'Z' => "the trust domain must be lowercase",
        _ => $"character '{TrustDomain.Printable(c)}' is not allowed in the trust domain",
    };

    private static bool IsPathChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_';

    private static MandateError Invalid(string? id, string why) => new(
        ErrorCodes.SpiffeIdInvalid,
        $"SPIFFE ID '{(id is null ? "" : id.Length > 100 ? id[..100] + "…" : id)}' is invalid: {why}.",
        "A SPIFFE ID looks like spiffe://acme.dev/agent/claude-code/webapp (SPIFFE-ID spec §2).");
}
