using Mandate.Agents.Hooks;

namespace Mandate.Agents.Install;

/// <summary>
/// The program an agent runs for its hooks: the small <c>mandate-hook &lt;agent&gt;</c> built beside
/// <c>mandate</c> (it starts in a few milliseconds), else <c>mandate hook &lt;agent&gt;</c> itself.
/// </summary>
public static class HookProgram
{
    public const string FileName = "mandate-hook";

    /// <summary><c>mandate-hook</c> in the directory of <paramref name="mandateBinary"/> when it is there, else <paramref name="mandateBinary"/>.</summary>
    public static string For(string mandateBinary)
    {
        ArgumentNullException.ThrowIfNull(mandateBinary);
        var directory = Path.GetDirectoryName(mandateBinary);
        if (string.IsNullOrEmpty(directory) || IsHookBinary(mandateBinary))
        {
            return mandateBinary;
        }

        var hook = Path.Combine(directory, OperatingSystem.IsWindows() ? FileName + ".exe" : FileName);
        return File.Exists(hook) ? hook : mandateBinary;
    }

    /// <summary>The arguments that make <paramref name="program"/> run the hook for <paramref name="agent"/>.</summary>
    public static IReadOnlyList<string> Arguments(string program, HookDialect agent) =>
        IsHookBinary(program) ? [HookDialects.Name(agent)] : ["hook", HookDialects.Name(agent)];

    /// <summary>True for a path whose file name is <c>mandate-hook</c> (or <c>mandate-hook.exe</c>).</summary>
    public static bool IsHookBinary(string path)
    {
        var name = Path.GetFileName(path);
        return name.Equals(FileName, StringComparison.Ordinal) || name.Equals(FileName + ".exe", StringComparison.OrdinalIgnoreCase);
    }
}
