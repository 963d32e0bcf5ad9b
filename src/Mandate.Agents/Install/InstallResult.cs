namespace Mandate.Agents.Install;

/// <summary>What an install or uninstall did.</summary>
/// <param name="Target">The file acted on.</param>
/// <param name="Changed">False when the file already was as asked (a second install, an uninstall with nothing to remove).</param>
/// <param name="Events">The events Mandate's hook is registered for after the call (empty after an uninstall).</param>
/// <param name="BackupPath">Install: the untouched original saved by the first install, if the file existed. Uninstall: null.</param>
/// <param name="FileCreated">Install created the file.</param>
/// <param name="FileDeleted">Uninstall deleted the file: Mandate had created it and nothing else was left in it.</param>
public sealed record InstallResult(
    InstallTarget Target,
    bool Changed,
    IReadOnlyList<string> Events,
    string? BackupPath,
    bool FileCreated,
    bool FileDeleted);
