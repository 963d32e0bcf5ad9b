namespace Mandate.Core.Mandates.Internal;

/// <summary>Checks a target's tokens against its kind's <see cref="TargetShape"/>; the same rules hold for patterns and concrete targets.</summary>
internal static class TargetShapes
{
    public static string? Check(List<int> tokens, CapabilityKind kind) => kind.Shape switch
    {
        TargetShape.Path => CheckPath(tokens),
        TargetShape.Program => tokens.Count > 0 && tokens[0] == '/'
            ? CheckPath(tokens)
            : tokens.Contains('/') ? "a program is a name (git) or an absolute path (/usr/bin/git)" : CheckSegment(tokens, "the program"),
        TargetShape.HostPort => CheckHostPort(tokens),
        TargetShape.Segments => CheckSegments(tokens, 0, '/'),
        TargetShape.PrincipalAtHost => CheckPrincipalAtHost(tokens),
        TargetShape.AgentType => CheckAgentType(tokens),
        _ => tokens.Count == 0 ? "the target is empty" : null,
    };

    private static string? CheckPath(List<int> tokens)
    {
        if (tokens.Count == 0 || tokens[0] != '/')
        {
            return "a path must start with '/'";
        }

        return tokens.Count == 1 ? null : CheckSegments(tokens, 1, '/');
    }

    private static string? CheckSegments(List<int> tokens, int start, char separator)
    {
        var segmentStart = start;
        for (var i = start; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && tokens[i] != separator)
            {
                continue;
            }

            var error = CheckSegment(tokens.GetRange(segmentStart, i - segmentStart), "a segment");
            if (error is not null)
            {
                return error;
            }

            segmentStart = i + 1;
        }

        return null;
    }

    private static string? CheckSegment(List<int> segment, string what) => segment switch
    {
        [] => $"{what} is empty ('//', or a leading or trailing '/')",
        ['.'] or ['.', '.'] => $"{what} is '.' or '..'",
        _ => null,
    };

    private static string? CheckHostPort(List<int> tokens)
    {
        var colon = tokens.LastIndexOf(':');
        if (colon < 0)
        {
            return "a network target is host:port (api.nuget.org:443, *.nuget.org:*)";
        }

        var port = tokens.GetRange(colon + 1, tokens.Count - colon - 1);
        if (port is not [GlobPattern.Star] && !IsPort(port))
        {
            return "the port must be a number from 1 to 65535, or '*'";
        }

        return CheckHost(tokens.GetRange(0, colon), "the host");
    }

    private static string? CheckPrincipalAtHost(List<int> tokens)
    {
        var at = tokens.IndexOf('@');
        if (at <= 0 || tokens.LastIndexOf('@') != at)
        {
            return "an SSH target is principal@host (deploy@*.prod.acme.dev)";
        }

        return CheckHost(tokens.GetRange(at + 1, tokens.Count - at - 1), "the host");
    }

    private static string? CheckHost(List<int> host, string what)
    {
        if (host.Count == 0)
        {
            return $"{what} is empty";
        }

        foreach (var t in host)
        {
            if (t >= 0 && t is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            {
                return $"{what} may hold only letters, digits, '-', '_' and '.' (IPv6 literals are not supported)";
            }
        }

        var labelStart = 0;
        for (var i = 0; i <= host.Count; i++)
        {
            if (i == host.Count || host[i] == '.')
            {
                if (i == labelStart)
                {
                    return $"{what} has an empty label";
                }

                labelStart = i + 1;
            }
        }

        return null;
    }

    private static string? CheckAgentType(List<int> tokens)
    {
        foreach (var t in tokens)
        {
            if (t >= 0 && t is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_'))
            {
                return "an agent type is one SPIFFE path segment (a-z, A-Z, 0-9, '.', '-', '_')";
            }
        }

        return CheckSegment(tokens, "the agent type");
    }

    private static bool IsPort(List<int> port)
    {
        if (port.Count is 0 or > 5 || port[0] == '0')
        {
            return false;
        }

        var value = 0;
        foreach (var t in port)
        {
            if (t is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (t - '0');
        }

        return value <= 65535;
    }
}
