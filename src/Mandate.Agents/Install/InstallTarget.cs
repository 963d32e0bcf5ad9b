using Mandate.Agents.Hooks;

namespace Mandate.Agents.Install;

/// <summary>One agent's configuration file at one scope (see <see cref="InstallPaths"/>).</summary>
public sealed record InstallTarget(HookDialect Agent, InstallScope Scope, string ConfigPath);
