using System.Globalization;

namespace Mandate.Agents.Shell.Internal;

/// <summary>Host names and ports from URLs, ssh destinations and scp-style remote paths.</summary>
internal static class HostParser
{
    /// <summary>
    /// Parses a URL ("https://u@Host:8443/x"), or a bare "host[:port][/path]" when it has no scheme
    /// (then <paramref name="defaultPort"/> applies). Returns null when no host can be found.
    /// </summary>
    public static HostRef? FromUrl(string url, int? defaultPort)
    {
        var rest = url.AsSpan().Trim();
        int? schemePort = defaultPort;
        var sep = rest.IndexOf("://", StringComparison.Ordinal);
        if (sep > 0 && IsScheme(rest[..sep]))
        {
            schemePort = SchemePort(rest[..sep].ToString().ToLowerInvariant());
            rest = rest[(sep + 3)..];
        }
        else if (sep == 0)
        {
            return null;
        }

        var end = rest.IndexOfAny("/?#");
        var authority = end < 0 ? rest : rest[..end];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        return FromAuthority(authority, schemePort);
    }

    /// <summary>"host", "host:port", "[v6]:port", "user@host".</summary>
    public static HostRef? FromAuthority(ReadOnlySpan<char> authority, int? defaultPort)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port = default;
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            host = close < 0 ? authority[1..] : authority[1..close];
            if (close >= 0 && close + 1 < authority.Length && authority[close + 1] == ':')
            {
                port = authority[(close + 2)..];
            }
        }
        else
        {
            var colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            if (colon >= 0)
            {
                port = authority[(colon + 1)..];
            }
        }

        return Make(host, port, defaultPort);
    }

    /// <summary>An scp/rsync remote path "[user@]host:path"; null when the text is a local path.</summary>
    public static HostRef? FromRemotePath(string text, int? defaultPort)
    {
        if (text.Contains("://", StringComparison.Ordinal))
        {
            return FromUrl(text, defaultPort);
        }

        var span = text.AsSpan();
        var colon = span.StartsWith("[") ? span.IndexOf("]:") + 1 : span.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var slash = span.IndexOf('/');
        if (slash >= 0 && slash < colon)
        {
            return null;
        }

        var authority = span[..colon];
        if (authority.StartsWith("[") && authority.EndsWith("]"))
        {
            authority = authority[1..^1];
        }

        var at = authority.LastIndexOf('@');
        return Make(at >= 0 ? authority[(at + 1)..] : authority, default, defaultPort);
    }

    public static HostRef? Make(ReadOnlySpan<char> host, ReadOnlySpan<char> port, int? defaultPort)
    {
        host = host.Trim();
        if (host.IsEmpty)
        {
            return null;
        }

        var name = host.ToString().ToLowerInvariant();
        var dynamic = ShellPath.IsDynamic(name);
        int? number = defaultPort;
        if (!port.IsEmpty)
        {
            if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536)
            {
                number = p;
            }
            else
            {
                number = null;
                dynamic |= ShellPath.IsDynamic(port.ToString());
            }
        }

        return new HostRef(name, number, dynamic);
    }

    public static int? SchemePort(string scheme) => scheme switch
    {
        "https" or "wss" => 443,
        "http" or "ws" => 80,
        "ssh" or "sftp" or "scp" or "git+ssh" or "ssh+git" => 22,
        "git" => 9418,
        "ftp" => 21,
        "ftps" => 990,
        "rsync" => 873,
        "telnet" => 23,
        "ldap" => 389,
        "ldaps" => 636,
        "smtp" => 25,
        "imap" => 143,
        "imaps" => 993,
        "redis" => 6379,
        "mysql" => 3306,
        "postgres" or "postgresql" => 5432,
        "mongodb" => 27017,
        _ => null,
    };

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }

    /// <summary>True when <paramref name="text"/> looks like a URL with a scheme the network tools speak.</summary>
    public static bool IsUrl(string text)
    {
        var sep = text.IndexOf("://", StringComparison.Ordinal);
        return sep > 0 && IsScheme(text.AsSpan(0, sep));
    }
}
