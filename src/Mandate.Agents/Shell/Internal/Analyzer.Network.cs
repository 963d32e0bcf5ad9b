namespace Mandate.Agents.Shell.Internal;

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

    private void Netcat(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, "pswiqxXIOTePGgmMVWc", "exec|sh-exec|lua-exec|proxy|proxy-type|source|source-port|wait|idle-timeout|output|hex-dump|append-output|send-only|recv-only|allow|allowfile|deny|denyfile|max-conns");
        string? host = null;
        string? port = null;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                if (host is null)
                {
                    host = token.Name;
                }
                else
                {
                    port ??= token.Name;
                }

                continue;
            }

            switch (token.Name)
            {
                case "e" or "c" or "exec" or "sh-exec" or "lua-exec":
                    c.MarkOpaque("nc executes a command");
                    break;
                case "x" or "proxy" when token.Value is not null:
                    c.AddHost(HostParser.FromAuthority(token.Value, 1080));
                    break;
                case "o" or "output" or "append-output" or "hex-dump" when token.Value is not null:
                    AddWrite(c, token.Value);
                    break;
            }
        }

        if (host is not null)
        {
            if (port is null && host.All(char.IsAsciiDigit))
            {
                return;
            }

            c.AddHost(HostParser.Make(host, port is null ? "" : port.Split('-')[0], null));
        }
    }

    /// <summary>socat ADDRESS ADDRESS: network addresses reach hosts, EXEC/SYSTEM run commands, files are read or written.</summary>
    private void Socat(CommandBuilder c)
    {
        foreach (var operand in Operands(c.Args, 0, "dDlLTb", ""))
        {
            var address = operand;
            var colon = address.IndexOf(':', StringComparison.Ordinal);
            var comma = address.IndexOf(',', StringComparison.Ordinal);
            var typeEnd = colon < 0 ? (comma < 0 ? address.Length : comma) : (comma >= 0 && comma < colon ? comma : colon);
            var type = address[..typeEnd].ToUpperInvariant();
            var rest = typeEnd < address.Length && address[typeEnd] == ':' ? address[(typeEnd + 1)..] : "";
            var options = rest.IndexOf(',', StringComparison.Ordinal);
            if (options >= 0)
            {
                rest = rest[..options];
            }

            switch (type)
            {
                case "TCP" or "TCP4" or "TCP6" or "TCP-CONNECT" or "UDP" or "UDP4" or "UDP6" or "UDP-CONNECT" or "SCTP" or "SCTP-CONNECT"
                    or "OPENSSL" or "SSL" or "OPENSSL-CONNECT" or "DTLS" or "SOCKS4" or "SOCKS4A" or "SOCKS5" or "PROXY" or "PROXY-CONNECT"
                    or "UDP-SENDTO" or "UDP-DATAGRAM" or "TCP-SENDTO":
                    var last = rest.LastIndexOf(':');
                    c.AddHost(last < 0 ? HostParser.Make(rest, "", null) : HostParser.Make(rest.AsSpan(0, last), rest.AsSpan(last + 1), null));
                    break;
                case "EXEC" or "SYSTEM" or "SHELL":
                    c.MarkOpaque("socat runs a command");
                    break;
                case "OPEN" or "GOPEN" or "FILE" or "READLINE":
                    if (rest.Length > 0)
                    {
                        AddRead(c, rest);
                    }

                    break;
                case "CREATE" or "CREAT":
                    AddWrite(c, rest);
                    break;
                default:
                    if (colon < 0 && comma < 0 && address.Contains('/', StringComparison.Ordinal))
                    {
                        AddRead(c, address);
                    }

                    break;
            }
        }
    }

    private static void HostAndPort(CommandBuilder c, int defaultPort)
    {
        var operands = Operands(c.Args, 0, "lnbsSeXkK", "");
        if (operands.Count == 0)
        {
            return;
        }

        var host = operands[0];
        if (host.Contains("://", StringComparison.Ordinal))
        {
            c.AddHost(HostParser.FromUrl(host, defaultPort));
            return;
        }

        var hostRef = HostParser.FromAuthority(host, defaultPort);
        if (hostRef is not null && operands.Count > 1)
        {
            hostRef = HostParser.Make(hostRef.Name, operands[1], defaultPort);
        }

        c.AddHost(hostRef);
    }

    private const string SshShortValue = "BbcDEeFIiJLlmOopQRSWw";

    private void Ssh(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, SshShortValue, "", stopAtOperand: true);
        int? port = null;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                var destination = token.Name;
                var host = destination.StartsWith("ssh://", StringComparison.Ordinal)
                    ? HostParser.FromUrl(destination, 22)
                    : HostParser.FromAuthority(destination, 22);
                if (host is not null && port is not null)
                {
                    host = host with { Port = port };
                }

                c.AddHost(host);
                return;
            }

            SshOption(c, token, ref port);
        }
    }

    /// <summary>Options ssh, scp and sftp share: -p/-P port, -i/-F files, -J jump hosts, -o settings that run commands.</summary>
    private void SshOption(CommandBuilder c, ArgToken token, ref int? port)
    {
        var value = token.Value;
        if (value is null)
        {
            return;
        }

        switch (token.Name)
        {
            case "p" when c.Program == "ssh":
            case "P" when c.Program is "scp" or "sftp":
                port = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
                break;
            case "i" or "F":
                AddRead(c, value);
                break;
            case "E":
                AddWrite(c, value);
                break;
            case "J":
                foreach (var jump in value.Split(','))
                {
                    c.AddHost(jump.StartsWith("ssh://", StringComparison.Ordinal) ? HostParser.FromUrl(jump, 22) : HostParser.FromAuthority(jump, 22));
                }

                break;
            case "W":
                c.AddHost(HostParser.FromAuthority(value, null));
                break;
            case "S" when c.Program is "scp" or "sftp":
                c.MarkOpaque("ssh program replaced");
                break;
            case "o":
                var key = value.Split('=', ' ')[0].ToUpperInvariant();
                if (key is "PROXYCOMMAND" or "LOCALCOMMAND" or "PERMITLOCALCOMMAND" or "KNOWNHOSTSCOMMAND" or "PROXYUSEFDPASS" or "MATCH")
                {
                    c.MarkOpaque("ssh option runs a local command");
                }
                else if (key == "PORT")
                {
                    var portText = value[(value.IndexOfAny(['=', ' ']) + 1)..].Trim();
                    port = int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : null;
                }
                else if (key is "IDENTITYFILE" or "CERTIFICATEFILE" or "USERKNOWNHOSTSFILE")
                {
                    AddRead(c, value[(value.IndexOfAny(['=', ' ']) + 1)..].Trim());
                }
                else if (key is "PROXYJUMP")
                {
                    c.AddHost(HostParser.FromAuthority(value[(value.IndexOfAny(['=', ' ']) + 1)..].Trim(), 22));
                }

                break;
        }
    }

    private void Scp(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, "cFiJlopPSoX", "");
        int? port = null;
        var operands = new List<string>();
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                operands.Add(token.Name);
            }
            else
            {
                SshOption(c, token, ref port);
            }
        }

        RemoteCopy(c, operands, port ?? 22);
    }

    /// <summary>scp/rsync operands: remote ones reach hosts; local sources are read and a local target written.</summary>
    private void RemoteCopy(CommandBuilder c, List<string> operands, int port)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            var operand = operands[i];
            var daemon = operand.StartsWith("rsync://", StringComparison.Ordinal) || operand.Contains("::", StringComparison.Ordinal);
            var host = daemon
                ? (operand.StartsWith("rsync://", StringComparison.Ordinal) ? HostParser.FromUrl(operand, 873) : HostParser.FromAuthority(operand.AsSpan(0, operand.IndexOf("::", StringComparison.Ordinal)), 873))
                : HostParser.FromRemotePath(operand, port);
            if (host is not null)
            {
                c.AddHost(host);
                continue;
            }

            if (i == operands.Count - 1 && operands.Count > 1)
            {
                AddWrite(c, operand);
            }
            else
            {
                AddRead(c, operand);
            }
        }
    }

    private void Sftp(CommandBuilder c)
    {
        var scanner = new ArgScanner(c.Args, 0, "BbcDFiJloPRSs", "");
        int? port = null;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                var destination = token.Name;
                var host = destination.Contains("://", StringComparison.Ordinal)
                    ? HostParser.FromUrl(destination, 22)
                    : HostParser.FromRemotePath(destination + (destination.Contains(':', StringComparison.Ordinal) ? "" : ":"), 22);
                c.AddHost(host is not null && port is not null ? host with { Port = port } : host);
                continue;
            }

            if (token.Name == "b" && token.Value is not null)
            {
                AddRead(c, token.Value);
                c.MarkOpaque(ScriptReason);
            }

            SshOption(c, token, ref port);
        }
    }

    private void Rsync(CommandBuilder c)
    {
        const string LongValue = "rsh|rsync-path|port|exclude|include|exclude-from|include-from|files-from|filter|password-file|log-file|temp-dir|partial-dir|backup-dir|compare-dest|copy-dest|link-dest|chmod|chown|bwlimit|timeout|contimeout|max-size|min-size|block-size|out-format|log-file-format|suffix|iconv|sockopts|address|protocol|checksum-choice|compress-choice|compress-level|skip-compress|info|debug|usermap|groupmap|outbuf|stop-after|stop-at|max-delete|modify-window|remote-option|only-write-batch|write-batch|read-batch";
        var scanner = new ArgScanner(c.Args, 0, "efTBM", LongValue);
        var operands = new List<string>();
        var port = 22;
        while (scanner.Next(out var token))
        {
            if (token.IsOperand)
            {
                operands.Add(token.Name);
                continue;
            }

            var value = token.Value;
            if (value is null)
            {
                continue;
            }

            switch (token.Name)
            {
                case "e" or "rsh":
                    var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var p = Array.IndexOf(parts, "-p");
                    if (p >= 0 && p + 1 < parts.Length && int.TryParse(parts[p + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rshPort))
                    {
                        port = rshPort;
                    }

                    if (parts.Length > 0 && ShellPath.BaseName(parts[0]) is not ("ssh" or "rsh"))
                    {
                        c.MarkOpaque("rsync runs a custom remote shell");
                    }

                    break;
                case "rsync-path":
                    break;
                case "exclude-from" or "include-from" or "files-from" or "password-file" or "read-batch":
                    AddRead(c, value);
                    break;
                case "log-file" or "write-batch" or "only-write-batch":
                    AddWrite(c, value);
                    break;
            }
        }

        RemoteCopy(c, operands, port);
    }

    /// <summary>ping, traceroute…: the first operand is the host; no port.</summary>
    private static void DnsHosts(CommandBuilder c, string shortValue, bool firstOnly)
    {
        foreach (var operand in Operands(c.Args, 0, shortValue, ""))
        {
            c.AddHost(HostParser.Make(operand, "", null) is { } host ? host with { Port = null } : null);
            if (firstOnly)
            {
                return;
            }
        }
    }

    /// <summary>nslookup, host, dig, drill, whois: names and servers are hosts; record types and classes are not.</summary>
    private static void Dns(CommandBuilder c)
    {
        var (shortValue, longValue) = c.Program switch
        {
            "dig" or "kdig" or "delv" => ("bcfkpqtxyi", ""),
            "host" => ("tcNRmW", ""),
            "drill" => ("ckoprsSta", ""),
            "whois" => ("hpigTsq", "host|port"),
            _ => ("", ""),
        };
        var scanner = new ArgScanner(c.Args, 0, shortValue, longValue);
        while (scanner.Next(out var token))
        {
            string name;
            if (token.IsOperand)
            {
                name = token.Name;
            }
            else if (token.Value is not null && token.Name is "q" or "x" && c.Program is "dig" or "kdig")
            {
                name = token.Value;
            }
            else if (token.Value is not null && token.Name is "h" or "host" && c.Program == "whois")
            {
                name = token.Value;
            }
            else
            {
                continue;
            }

            if (name.StartsWith('+') || IsRecordTypeOrClass(name))
            {
                continue;
            }

            name = name.TrimStart('@');
            c.AddHost(HostParser.Make(name, "", null) is { } host ? host with { Port = null } : null);
        }
    }

    private static bool IsRecordTypeOrClass(string text) => text.ToUpperInvariant() is
        "A" or "AAAA" or "MX" or "TXT" or "NS" or "SOA" or "CNAME" or "PTR" or "SRV" or "CAA" or "DS" or "DNSKEY" or "ANY" or "AXFR"
        or "IXFR" or "NSEC" or "NSEC3" or "RRSIG" or "TLSA" or "HTTPS" or "SVCB" or "NAPTR" or "SPF" or "HINFO" or "IN" or "CH" or "HS";

    /// <summary>openssl: s_client -connect reaches a host; -in/-out files; enc -d and base64 -d decode.</summary>
    private Flow OpenSsl(CommandBuilder c)
    {
        var args = c.Args;
        var decode = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var next = i + 1 < args.Count ? args[i + 1] : null;
            switch (arg)
            {
                case "-d" or "-decrypt":
                    decode = true;
                    break;
                case "-connect" when next is not null:
                    c.AddHost(HostParser.FromAuthority(next, 443));
                    i++;
                    break;
                case "-in" or "-inkey" or "-key" or "-CAfile" or "-cert" or "-infiles" or "-kfile" or "-pass" or "-passin" when next is not null:
                    if (next.StartsWith("env:", StringComparison.Ordinal))
                    {
                        c.ReadsEnvironment = true;
                    }
                    else if (next.StartsWith("file:", StringComparison.Ordinal))
                    {
                        AddRead(c, next[5..]);
                    }
                    else if (!next.StartsWith("pass:", StringComparison.Ordinal) && arg is not ("-pass" or "-passin"))
                    {
                        AddRead(c, next);
                    }

                    i++;
                    break;
                case "-out" or "-keyout" when next is not null:
                    AddWrite(c, next);
                    i++;
                    break;
            }
        }

        return decode ? new Flow(FlowKind.Decoded) : Flow.Unknown;
    }
}
