namespace Mandate.Agents.Install;

/// <summary>Whose configuration the hooks go into: the repository's, the user's, or the machine's (administrator).</summary>
public enum InstallScope
{
    Project,
    User,
    Managed,
}
