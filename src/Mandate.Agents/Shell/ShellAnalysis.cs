namespace Mandate.Agents.Shell;

/// <summary>The simple commands a shell command line unfolds into.</summary>
public sealed class ShellAnalysis
{
    /// <summary>Every simple command found, nested ones included, in source order.</summary>
    public required IReadOnlyList<SimpleCommand> Commands { get; init; }

    /// <summary>Set when the text cannot be parsed or a limit was exceeded; callers treat the command as opaque.</summary>
    public string? Error { get; init; }

    public bool IsOpaque => Error is not null || Commands.Any(c => c.Opaque);
}
