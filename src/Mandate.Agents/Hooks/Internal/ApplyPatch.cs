namespace Mandate.Agents.Hooks.Internal;

/// <summary>The files a Codex/Copilot <c>apply_patch</c> envelope touches.</summary>
internal static class ApplyPatch
{
    private static readonly string[] Markers = ["*** Update File: ", "*** Add File: ", "*** Delete File: ", "*** Move to: "];

    public static IReadOnlyList<string> Files(string patch)
    {
        var files = new List<string>();
        foreach (var rawLine in patch.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            foreach (var marker in Markers)
            {
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    var file = line[marker.Length..].Trim();
                    if (file.Length > 0 && !files.Contains(file, StringComparer.Ordinal))
                    {
                        files.Add(file);
                    }
                }
            }
        }

        return files;
    }
}
