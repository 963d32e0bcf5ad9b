namespace Mandate.Agents.Shell;

/// <summary>Where a command runs: both directories are absolute paths.</summary>
public sealed record ShellContext(string WorkingDirectory, string HomeDirectory);
