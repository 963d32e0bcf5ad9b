namespace Mandate.Cli;

/// <summary>The process exit codes (docs/cli.md). Hooks map these to each agent's dialect later.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Refused or invalid: a clear error with a code was printed.</summary>
    public const int Refused = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>A bug or broken infrastructure (store, disk).</summary>
    public const int Internal = 3;
}
