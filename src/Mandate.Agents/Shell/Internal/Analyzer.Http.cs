namespace Mandate.Agents.Shell.Internal;

/// <summary>HTTP clients: curl, wget, HTTPie and xh reach the hosts of their URLs and read or write the files their options name.</summary>
internal sealed partial class Analyzer
{
    private const string CurlShortValue = "dFTobcKxHAeXuUwmErYyzCQtPD";
    private const string CurlLongValue =
        "data|data-ascii|data-binary|data-raw|data-urlencode|form|form-string|upload-file|output|cookie|cookie-jar|config|proxy|header|user-agent|referer|request|user|proxy-user|write-out|max-time|connect-timeout|retry|retry-delay|retry-max-time|range|cert|key|cacert|capath|resolve|connect-to|url|json|output-dir|dump-header|trace|trace-ascii|stderr|netrc-file|interface|local-port|limit-rate|max-filesize|speed-limit|speed-time|time-cond|quote|continue-at|preproxy|socks4|socks4a|socks5|socks5-hostname|oauth2-bearer|aws-sigv4|variable|expand-url|expand-data|expand-header|doh-url|unix-socket|abstract-unix-socket|header-file|proxy-header|mail-from|mail-rcpt|pinnedpubkey|dns-servers|tls-max|ciphers|engine|key-type|cert-type|pass|hostpubmd5|hostpubsha256|login-options|krb|ftp-port|request-target";

    private void Curl(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, CurlShortValue, CurlLongValue);
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                c.AddHost(HostParser.FromUrl(token.Name, 80));
                continue;
            }

            var value = token.Value;
            if (value is null)
            {
                continue;
            }

            switch (token.Name)
            {
                case "d" or "data" or "data-ascii" or "data-binary" or "json":
                    if (value.StartsWith('@'))
                    {
                        AddRead(c, value[1..]);
                    }

                    break;
                case "data-urlencode":
                    var at = value.IndexOf('@', StringComparison.Ordinal);
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    if (at >= 0 && (eq < 0 || at < eq))
                    {
                        AddRead(c, value[(at + 1)..]);
                    }

                    break;
                case "F" or "form":
                    FormFile(c, value);
                    break;
                case "T" or "upload-file":
                    AddRead(c, value);
                    break;
                case "o" or "output" or "c" or "cookie-jar" or "D" or "dump-header" or "trace" or "trace-ascii" or "stderr":
                    AddWrite(c, value);
                    break;
                case "output-dir":
                    AddWrite(c, value);
                    break;
                case "b" or "cookie":
                    if (!value.Contains('=', StringComparison.Ordinal))
                    {
                        AddRead(c, value);
                    }

                    break;
                case "K" or "config":
                    AddRead(c, value);
                    c.MarkOpaque("curl reads its options from a file");
                    break;
                case "E" or "cert" or "key" or "cacert" or "netrc-file" or "header-file":
                    AddRead(c, value.Split(':')[0]);
                    break;
                case "H" or "header" or "proxy-header":
                    if (value.StartsWith('@'))
                    {
                        AddRead(c, value[1..]);
                    }

                    break;
                case "url":
                    c.AddHost(HostParser.FromUrl(value, 80));
                    break;
                case "x" or "proxy" or "preproxy" or "socks4" or "socks4a" or "socks5" or "socks5-hostname":
                    c.AddHost(HostParser.FromUrl(value, 1080));
                    break;
                case "connect-to" or "resolve":
                    var parts = value.Split(':');
                    if (parts.Length >= 3 && parts[2].Length > 0)
                    {
                        c.AddHost(HostParser.Make(parts[2].Trim('[', ']'), parts.Length > 3 ? parts[3] : "", null));
                    }

                    break;
                case "variable":
                    if (value.Contains('@', StringComparison.Ordinal))
                    {
                        AddRead(c, value[(value.IndexOf('@', StringComparison.Ordinal) + 1)..]);
                    }

                    if (value.StartsWith('%'))
                    {
                        c.ReadsEnvironment = true;
                    }

                    break;
            }
        }
    }

    /// <summary>curl -F name=@file / name=&lt;file (";type=…" options stripped).</summary>
    private void FormFile(CommandBuilder c, string value)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0 || eq + 1 >= value.Length || value[eq + 1] is not ('@' or '<'))
        {
            return;
        }

        var path = value[(eq + 2)..];
        var semicolon = path.IndexOf(';', StringComparison.Ordinal);
        AddRead(c, semicolon < 0 ? path : path[..semicolon]);
    }

    private void Wget(CommandBuilder c)
    {
        const string LongValue = "output-document|output-file|append-output|input-file|base|execute|directory-prefix|tries|timeout|wait|quota|user-agent|level|domains|accept|reject|include-directories|exclude-directories|post-data|post-file|body-data|body-file|header|user|password|http-user|http-password|load-cookies|save-cookies|certificate|private-key|ca-certificate|referer|method|bind-address|limit-rate|proxy-user|proxy-password|config|warc-file|rejected-log|use-askpass";
        var scanner = new ArgScanner(c.Args, 0, "oOaiBePtTwQUYlDARIX", LongValue);
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                c.AddHost(HostParser.FromUrl(token.Name, 80));
                continue;
            }

            var value = token.Value;
            if (value is null)
            {
                continue;
            }

            switch (token.Name)
            {
                case "O" or "output-document" or "o" or "output-file" or "a" or "append-output" or "save-cookies" or "P" or "directory-prefix" or "rejected-log":
                    AddWrite(c, value);
                    break;
                case "i" or "input-file":
                    AddRead(c, value);
                    c.AddHost(new HostRef(ShellPath.DynamicText, null, true));
                    break;
                case "post-file" or "body-file" or "load-cookies" or "certificate" or "private-key" or "ca-certificate":
                    AddRead(c, value);
                    break;
                case "e" or "execute" or "config" or "use-askpass":
                    c.MarkOpaque("wget runs a command or reads options from a file");
                    break;
            }
        }
    }

    /// <summary>HTTPie and xh: [METHOD] URL [items]; "field=@file", "field:=@file" and "field@file" read files.</summary>
    private void Httpie(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, "aApoSsv", "auth|auth-type|print|output|session|session-read-only|style|verify|cert|cert-key|proxy|timeout|max-redirects|pretty|format-options|response-charset|response-mime|boundary|ssl|ciphers|default-scheme|raw");
        var defaultPort = c.Program is "https" or "xhs" ? 443 : 80;
        var haveUrl = false;
        while (scanner.Next(out var token))
        {
            if (!token.IsOperand)
            {
                if (token.Name is "o" or "output" && token.Value is not null)
                {
                    AddWrite(c, token.Value);
                }

                if (token.Name is "proxy" && token.Value is not null)
                {
                    var colon = token.Value.IndexOf(':', StringComparison.Ordinal);
                    c.AddHost(HostParser.FromUrl(colon >= 0 ? token.Value[(colon + 1)..] : token.Value, 80));
                }

                continue;
            }

            var item = token.Name;
            if (!haveUrl)
            {
                if (IsHttpMethod(item))
                {
                    continue;
                }

                haveUrl = true;
                c.AddHost(item.StartsWith(':') ? new HostRef("localhost", PortOf(item[1..], defaultPort), false) : HostParser.FromUrl(item, defaultPort));
                continue;
            }

            var at = item.IndexOf('@', StringComparison.Ordinal);
            if (at > 0)
            {
                var separatorBefore = item.AsSpan(0, at).IndexOfAny(":=") >= 0;
                if (item[at - 1] == '=' || !separatorBefore)
                {
                    AddRead(c, item[(at + 1)..]);
                }
            }
        }
    }

    private static int? PortOf(string rest, int defaultPort)
    {
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var digits = end < 0 ? rest : rest[..end];
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : defaultPort;
    }

    private static bool IsHttpMethod(string text)
    {
        if (text.Length is < 3 or > 7)
        {
            return false;
        }

        foreach (var ch in text)
        {
            if (!char.IsAsciiLetterUpper(ch))
            {
                return false;
            }
        }

        return true;
    }
}
