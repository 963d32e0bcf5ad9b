namespace Mandate.Agents.Shell;

/// <summary>
/// One simple command with what it touches. Paths are absolute and normalised; a part computed at run
/// time is written "∗" (U+2217) in arguments, paths and host names.
/// </summary>
public sealed class SimpleCommand
{
    /// <summary>The normalised basename of the command word; "" when the command word is dynamic or absent.</summary>
    public required string Program { get; init; }

    /// <summary>The command word made absolute, when it was written with a '/'.</summary>
    public string? ProgramPath { get; init; }

    /// <summary>argv[1..] after quote removal and escape processing.</summary>
    public required IReadOnlyList<string> Args { get; init; }

    public IReadOnlyList<string> Reads { get; init; } = [];

    public IReadOnlyList<string> Writes { get; init; } = [];

    /// <summary>
    /// Directories read whole, hidden files included (<c>grep -r</c>, <c>rg --hidden</c>, <c>tar c</c>, <c>zip -r</c>);
    /// each is in <see cref="Reads"/> too. What they hold is only known on disk, so the request builder looks.
    /// </summary>
    public IReadOnlyList<string> TreeReads { get; init; } = [];

    public IReadOnlyList<HostRef> Hosts { get; init; } = [];

    public bool ReadsEnvironment { get; init; }

    public bool Opaque { get; init; }

    public string? OpaqueReason { get; init; }

    /// <summary>The wrapper chain the command was found in ("bash -c", "$(…)", "sudo > env"); "" at top level.</summary>
    public required string Via { get; init; }

    public bool IsPush { get; init; }

    public bool IsForce { get; init; }

    /// <summary>The git remote name or URL a push or fetch names.</summary>
    public string? Remote { get; init; }

    public override string ToString() =>
        (Via.Length == 0 ? "" : "[" + Via + "] ") + Program + (Args.Count == 0 ? "" : " " + string.Join(' ', Args)) +
        (Opaque ? " (opaque: " + OpaqueReason + ")" : "");
}
