namespace Mandate.Agents.Install;

/// <summary>Whether Mandate's hooks are in one configuration file.</summary>
/// <param name="Target">The file looked at.</param>
/// <param name="FileExists">The file exists.</param>
/// <param name="Readable">The file could be read and parsed (false when it is missing).</param>
/// <param name="Events">The events that run Mandate's hook for this agent.</param>
/// <param name="MissingEvents">The events a full install registers that are not there.</param>
/// <param name="Binary">The Mandate binary the hooks run (the first found), or null.</param>
/// <param name="BackupExists">A <c>.mandate-backup</c> of the original sits next to the file.</param>
/// <param name="Problem">Why the file could not be read, or why the scope cannot be installed; null otherwise.</param>
public sealed record InstallStatus(
    InstallTarget Target,
    bool FileExists,
    bool Readable,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> MissingEvents,
    string? Binary,
    bool BackupExists,
    string? Problem)
{
    /// <summary>At least one event runs Mandate's hook.</summary>
    public bool Installed => Events.Count > 0;

    /// <summary>Every event a full install registers runs Mandate's hook.</summary>
    public bool Complete => Installed && MissingEvents.Count == 0;
}
