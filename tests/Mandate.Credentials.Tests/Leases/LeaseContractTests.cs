using Mandate.Core.Leases;

namespace Mandate.Credentials.Tests.Leases;

public sealed class LeaseContractTests
{
    [Fact]
    public void Lease_IsActiveOnlyBeforeExpiryAndUntilRevoked()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var lease = new Lease
        {
            Id = "lse_" + new string('a', 32), Kind = "postgres", Provider = "orders", Capability = "db:connect:postgres/orders/read",
            Actor = "spiffe://acme.dev/agent/claude-code/webapp", MandateJti = "mdt_x", HumanEmail = "jane@acme.dev", TaskId = "t",
            IssuedAt = now, ExpiresAt = now.AddMinutes(15), Ttl = TimeSpan.FromMinutes(15), MaxTtl = TimeSpan.FromHours(1),
        };
        Assert.True(lease.IsActiveAt(now.AddMinutes(14)));
        Assert.False(lease.IsActiveAt(now.AddMinutes(15)));
        Assert.False((lease with { RevokedAt = now }).IsActiveAt(now.AddMinutes(1)));
    }
}
