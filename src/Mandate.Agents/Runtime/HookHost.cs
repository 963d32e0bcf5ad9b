using Mandate.Agents.Hooks;
using Mandate.Core.Audit;
using Mandate.Core.Home;
using Mandate.Core.Storage;

namespace Mandate.Agents.Runtime;

/// <summary>
/// What the program running the hook supplies: the store, and the handling of session start and end
/// (granting the session's mandate, revoking its leases at their providers), which need the credential
/// broker. The small hook binary passes those two events on to the full <c>mandate</c> binary; a tool call
/// never needs them.
/// </summary>
public sealed class HookHost
{
    /// <summary>How the program is invoked, for the usage error: <c>mandate hook &lt;agent&gt;</c>.</summary>
    public required string Usage { get; init; }

    /// <summary>Opens the embedded store at a path, with the audit keys (the caller keeps owning them).</summary>
    public required Func<string, AuditKeys, TimeProvider, IMandateStore> OpenStore { get; init; }

    /// <summary>Handles SessionStart and SessionEnd, given the event and the payload exactly as read.</summary>
    public required Func<HookEvent, byte[], MandateHome, HookReply> Session { get; init; }
}
