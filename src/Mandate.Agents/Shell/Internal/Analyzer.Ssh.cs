namespace Mandate.Agents.Shell.Internal;

/// <summary>ssh, scp, sftp and rsync: the remote hosts and ports they reach, the key and list files they read, and options that run local commands.</summary>
internal sealed partial class Analyzer
{
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
}
