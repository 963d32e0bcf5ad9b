using Mandate.Core.Agents;
using Mandate.Core.Storage;

namespace Mandate.Storage.Sqlite.Tests;

internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static Agent Agent(string project = "webapp", DateTimeOffset? at = null) => new()
    {
        Id = AgentId.New(),
        SpiffeId = $"spiffe://acme.dev/agent/claude-code/{project}",
        Type = "claude-code",
        Project = project,
        Sponsor = "jane@acme.dev",
        CreatedAt = at ?? T0,
        CreatedBy = "user:jane@acme.dev",
    };

    public static LifecycleEvent Event(string type, string subject, DateTimeOffset? at = null) => new()
    {
        Time = at ?? T0,
        Type = type,
        Actor = "user:jane@acme.dev",
        Subject = subject,
        Data = "{\"k\":\"v\"}",
    };
}
