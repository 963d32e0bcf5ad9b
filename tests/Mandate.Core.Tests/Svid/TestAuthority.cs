using Mandate.Core.Identity;
using Mandate.Core.Jose;
using Mandate.Core.Svid;

namespace Mandate.Core.Tests.Svid;

/// <summary>A trust domain's keys, generated for one test: never stored, never committed.</summary>
internal static class TestAuthority
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static Authority Create(string trustDomain, DateTimeOffset now) =>
        new(TrustDomain.Parse(trustDomain).Value, CertificateAuthority.Create(TrustDomain.Parse(trustDomain).Value, now, TimeSpan.FromDays(365)), SigningKey.Generate());

    public static SpiffeId Id(string id) => SpiffeId.Parse(id).Value;
}
