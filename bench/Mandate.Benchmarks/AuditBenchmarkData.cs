using Mandate.Core.Audit;

namespace Mandate.Benchmarks;

/// <summary>A realistic hook record: an agent's Bash call, allowed by one policy, with a command worth redacting-checking.</summary>
internal static class AuditBenchmarkData
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static AuditRecord Decision(int i) => new()
    {
        Time = T0.AddMilliseconds(i),
        Kind = AuditKinds.Decision,
        Event = "tool.pre",
        Actor = new AuditActor("spiffe://acme.dev/agent/claude-code/webapp", Session: "s-42", AgentId: "agt_0123456789abcdef", AgentType: "claude-code", Model: "claude-sonnet"),
        OnBehalfOf = "user:jane@acme.dev",
        Task = new AuditTask("task-17", "fix the login redirect"),
        Mandate = "mdt_0123456789abcdef",
        Action = new AuditAction("Bash", "exec", "git push origin fix/login"),
        Resource = "repo:acme/webapp",
        Decision = new AuditDecision("allow", ["policy0"], "push to a feature branch is permitted"),
        Outcome = "exit 0",
    };
}
