using Mandate.Core.Agents;
using Mandate.Core.Audit;

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

    public static AuditRecord Event(string type, string subject, DateTimeOffset? at = null) => new()
    {
        Time = at ?? T0,
        Kind = AuditKinds.Lifecycle,
        Event = type,
        Actor = new AuditActor("user:jane@acme.dev"),
        Resource = subject,
        Details = new Dictionary<string, string?> { ["k"] = "v" },
    };

    /// <summary>The latest <paramref name="limit"/> records of the log, oldest first, as (seq, event).</summary>
    public static IReadOnlyList<LoggedEvent> RecentEvents(this SqliteStore store, int limit) =>
        [.. store.Audit.Query(new AuditQuery { Limit = limit }).Select(r =>
            new LoggedEvent(r.Seq, System.Text.Json.Nodes.JsonNode.Parse(r.Canonical)!["event"]!.GetValue<string>()))];
}
