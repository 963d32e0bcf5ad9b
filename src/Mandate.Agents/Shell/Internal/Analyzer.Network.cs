namespace Mandate.Agents.Shell.Internal;

/// <summary>Other network programs: nc and socat, telnet/ftp/tftp (host and port), and openssl (s_client hosts, key and data files, decoding).</summary>
internal sealed partial class Analyzer
{
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
