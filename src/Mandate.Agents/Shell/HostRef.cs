namespace Mandate.Agents.Shell;

/// <summary>
/// A host a command reaches. <paramref name="Name"/> is lower-cased; when part of it is computed at run
/// time that part is "∗" and <paramref name="Dynamic"/> is set. <paramref name="Port"/> comes from the
/// URL or arguments, else the scheme default; it is null for DNS tools and unknown ports.
/// </summary>
public sealed record HostRef(string Name, int? Port, bool Dynamic);
