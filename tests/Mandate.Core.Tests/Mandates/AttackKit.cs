using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Mandate.Core.Jose;
using Mandate.Core.Mandates;
using Mandate.Core.Svid;
using Mandate.Core.Tests.Svid;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// What an attacker works from: real mandates of a three-hop chain (human → coder → tester → linter),
/// a bound mandate, presenters' certificates, and another trust domain's keys. All valid at <see cref="MandateFixture.Time"/>.
/// </summary>
internal sealed class AttackKit : IDisposable
{
    public const string ApiAudience = "https://api.acme.dev";

    public AttackKit()
    {
        Other = TestAuthority.Create("evil.dev", TestAuthority.Start);
        var svids = new SvidIssuer(F.Authority, F.Time);
        PresenterDer = Der(svids.IssueX509(MandateFixture.Id(MandateFixture.Coder + "/session/s1"), TimeSpan.FromHours(1)));
        OtherPresenterDer = Der(svids.IssueX509(MandateFixture.Id(MandateFixture.Coder + "/session/s2"), TimeSpan.FromHours(1)));
        JwtSvid = svids.IssueJwt(MandateFixture.Id(MandateFixture.Coder), ApiAudience, TimeSpan.FromMinutes(5)).Value.Token;
        Root = F.Grant();
        Bound = F.Issuer.Grant(F.GrantRequest() with { PresenterCertificate = PresenterDer }).Value;
        WithAudience = F.Issuer.Grant(F.GrantRequest() with { Audience = ApiAudience }).Value;
        F.Time.Advance(TimeSpan.FromMinutes(1));
        Child = F.Delegate(Root, MandateFixture.Tester, "fs:read:/src/** exec:run:git agent:delegate:**", TimeSpan.FromHours(1));
        F.Time.Advance(TimeSpan.FromMinutes(1));
        Grandchild = F.Delegate(Child, MandateFixture.Linter, "fs:read:/src/api/**", TimeSpan.FromMinutes(30));
    }

    public MandateFixture F { get; } = new();

    public SigningKey Key => F.Authority.JwtKey;

    public Authority Other { get; }

    public byte[] PresenterDer { get; }

    public byte[] OtherPresenterDer { get; }

    public string JwtSvid { get; }

    public IssuedMandate Root { get; }

    public IssuedMandate Bound { get; }

    public IssuedMandate WithAudience { get; }

    public IssuedMandate Child { get; }

    public IssuedMandate Grandchild { get; }

    public long Now => F.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The mandate's payload, changed, signed again with the trust domain's real key.</summary>
    public string Resign(IssuedMandate m, Action<JsonObject> change, string? header = null)
    {
        var payload = MandateForge.Payload(m.Token);
        change(payload);
        return MandateForge.Sign(Key, payload, header);
    }

    /// <summary>The standard header with members replaced (a null value removes the member), as JSON text.</summary>
    public string Header(params (string Name, JsonNode? Value)[] changes)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = Key.Kid, ["typ"] = "mandate+jwt" };
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                header.Remove(name);
            }
            else
            {
                header[name] = value;
            }
        }

        return header.ToJsonString();
    }

    public string Payload(IssuedMandate m) => MandateForge.Payload(m.Token).ToJsonString();

    private static byte[] Der(X509Svid svid)
    {
        using var certificate = X509Certificate2.CreateFromPem(svid.CertificatePem);
        return certificate.RawData;
    }

    public void Dispose()
    {
        Other.Dispose();
        F.Dispose();
    }
}
