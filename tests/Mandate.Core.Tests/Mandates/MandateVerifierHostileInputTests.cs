using System.Text.Json.Nodes;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// The verifier returns a result for any input and never throws: signed tokens whose values sit at
/// the edges of what the claims reader accepts, and strings the JSON parser lets through.
/// </summary>
public sealed class MandateVerifierHostileInputTests
{
    /// <summary>The last second a <see cref="DateTimeOffset"/> can hold (9999-12-31 23:59:59): the largest time claim accepted.</summary>
    private const long LastSecond = 253402300799;

    public static TheoryData<string> EdgeTokens() =>
    [
        "exp at the last representable second",
        "nbf at the last representable second",
        "iat and exp at the last representable second",
        "exp at the last second, clock at the end of time",
        "iat and nbf at zero",
        "lone surrogate escaped in the purpose",
        "lone surrogate escaped in the kid",
    ];

    [Theory]
    [MemberData(nameof(EdgeTokens))]
    public void Verify_EdgeValues_ReturnAResultAndNeverThrow(string name)
    {
        using var kit = new AttackKit();
        var token = name switch
        {
            "exp at the last representable second" => kit.Resign(kit.Root, p => SetExpiry(p, LastSecond)),
            "nbf at the last representable second" => kit.Resign(kit.Root, p => p["nbf"] = LastSecond),
            "iat and exp at the last representable second" => kit.Resign(kit.Root, p =>
            {
                SetExpiry(p, LastSecond);
                p["iat"] = LastSecond;
                MandateForge.Hop(p, 0)["iat"] = LastSecond;
            }),
            "exp at the last second, clock at the end of time" => kit.Resign(kit.Root, p => SetExpiry(p, LastSecond)),
            "iat and nbf at zero" => kit.Resign(kit.Root, p =>
            {
                p["iat"] = 0;
                p["nbf"] = 0;
                MandateForge.Hop(p, 0)["iat"] = 0;
            }),
            "lone surrogate escaped in the purpose" => MandateForge.Sign(kit.Key, kit.Payload(kit.Root).Replace("refactor the auth module", "\\ud800", StringComparison.Ordinal)),
            "lone surrogate escaped in the kid" => MandateForge.Sign(kit.Key, kit.Payload(kit.Root), kit.Header().Replace(kit.Key.Kid, "\\udfff", StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        if (name.Contains("end of time", StringComparison.Ordinal))
        {
            kit.F.Time.SetUtcNow(DateTimeOffset.MaxValue);
        }

        var result = Record.Exception(() => kit.F.Verifier().Verify(token));

        Assert.Null(result);
    }

    [Fact]
    public void Verify_ExpiryAtTheLastSecond_IsCheckedLikeAnyOther()
    {
        using var kit = new AttackKit();
        var token = kit.Resign(kit.Root, p => SetExpiry(p, LastSecond));

        Assert.True(kit.F.Verifier().Verify(token).IsValid, "a far expiry signed by the trust domain's key is its issuer's choice");
        kit.F.Time.SetUtcNow(DateTimeOffset.MaxValue);
        Assert.True(kit.F.Verifier().Verify(token).IsValid, "within the skew of its expiry at the end of time");
    }

    [Fact]
    public void Verify_NotBeforeAtTheLastSecond_IsNotYetValid()
    {
        using var kit = new AttackKit();

        var result = kit.F.Verifier().Verify(kit.Resign(kit.Root, p => p["nbf"] = LastSecond));

        Assert.Equal(MandateCheck.NotBefore, result.FailedCheck);
    }

    [Fact]
    public void Verify_LoneSurrogateInAClaim_IsMalformed()
    {
        using var kit = new AttackKit();

        var result = kit.F.Verifier().Verify(MandateForge.Sign(kit.Key, kit.Payload(kit.Root).Replace("refactor the auth module", "\\ud800", StringComparison.Ordinal)));

        Assert.Equal(MandateCheck.Format, result.FailedCheck);
    }

    private static void SetExpiry(JsonObject payload, long exp)
    {
        payload["exp"] = exp;
        MandateForge.Hop(payload, 0)["exp"] = exp;
    }
}
