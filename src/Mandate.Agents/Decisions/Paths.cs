namespace Mandate.Agents.Decisions;

/// <summary>Lexical path normalisation: absolute, no <c>.</c>/<c>..</c> segments, single slashes, <c>~</c> expanded.</summary>
internal static class Paths
{
    public static string Normalize(string path, string cwd, string home)
    {
        if (path == "~")
        {
            path = home;
        }
        else if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = home + path[1..];
        }

        if (!path.StartsWith('/'))
        {
            path = cwd.TrimEnd('/') + "/" + path;
        }

        var parts = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(segment);
        }

        return "/" + string.Join('/', parts);
    }
}
