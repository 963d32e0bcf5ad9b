namespace Mandate.Agents.Shell.Internal;

/// <summary>Name lookups and reachability probes (nslookup, host, dig, whois, ping, traceroute…): the names they take are hosts, without a port.</summary>
internal sealed partial class Analyzer
{
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
}
