using System.Text;

namespace Mandate.Agents.Shell.Internal;

/// <summary>Makes paths absolute and normalises them lexically.</summary>
internal static class ShellPath
{
    public const char Dynamic = '\u2217';

    public const string DynamicText = "\u2217";

    /// <summary>
    /// Resolves <paramref name="path"/> against <paramref name="cwd"/> ("~" against <paramref name="home"/>),
    /// removes "." and ".." segments and duplicate slashes. A path that starts with a dynamic part stays relative to it.
    /// </summary>
    public static string Resolve(string path, string cwd, string home)
    {
        string combined;
        if (path.Length > 0 && path[0] == '/')
        {
            combined = path;
        }
        else if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            combined = home + "/" + path[1..];
        }
        else if (path.Length > 0 && path[0] == Dynamic)
        {
            combined = path;
        }
        else
        {
            combined = path.Length == 0 ? cwd : cwd + "/" + path;
        }

        return Normalize(combined);
    }

    public static string Normalize(string path)
    {
        var absolute = path.Length > 0 && path[0] == '/';
        if (absolute && IsClean(path))
        {
            return path;
        }

        var segments = new List<string>();
        var start = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                continue;
            }

            var segment = path.AsSpan(start, i - start);
            start = i + 1;
            if (segment.IsEmpty || segment.SequenceEqual("."))
            {
                continue;
            }

            if (segment.SequenceEqual(".."))
            {
                // ".." under a dynamic segment cannot be resolved: keep the dynamic segment.
                if (segments.Count > 0 && segments[^1] != DynamicText)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment.ToString());
        }

        var sb = new StringBuilder(path.Length);
        foreach (var segment in segments)
        {
            if (sb.Length > 0 || absolute)
            {
                sb.Append('/');
            }

            sb.Append(segment);
        }

        return sb.Length == 0 ? (absolute ? "/" : DynamicText) : sb.ToString();
    }

    private static bool IsClean(string path)
    {
        if (path.Length > 1 && path[^1] == '/')
        {
            return false;
        }

        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '/' && i + 1 < path.Length)
            {
                var next = path[i + 1];
                if (next == '/')
                {
                    return false;
                }

                if (next == '.')
                {
                    var after = i + 2 < path.Length ? path[i + 2] : '/';
                    if (after == '/' || (after == '.' && (i + 3 >= path.Length || path[i + 3] == '/')))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    public static string BaseName(string path)
    {
        var trimmed = path.AsSpan().TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed.ToString() : trimmed[(slash + 1)..].ToString();
    }

    /// <summary>/proc/&lt;pid&gt;/environ, /proc/self/environ, /proc/∗/environ and /proc/&lt;pid&gt;/task/&lt;tid&gt;/environ.</summary>
    public static bool IsProcEnviron(string path) =>
        path.StartsWith("/proc/", StringComparison.Ordinal) && (path.EndsWith("/environ", StringComparison.Ordinal) || path.EndsWith("/environ*", StringComparison.Ordinal));

    /// <summary>Device files that are not data: writes to them are not recorded.</summary>
    public static bool IsNullDevice(string path) =>
        path is "/dev/null" or "/dev/stdout" or "/dev/stderr" or "/dev/tty" or "/dev/stdin" ||
        path.StartsWith("/dev/fd/", StringComparison.Ordinal);

    public static bool IsDynamic(string text) => text.Contains(Dynamic, StringComparison.Ordinal);
}
