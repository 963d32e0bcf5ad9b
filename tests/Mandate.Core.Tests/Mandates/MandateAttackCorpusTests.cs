using Mandate.Core.Errors;
using Mandate.Core.Mandates;
using Mandate.Core.Svid;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// The attack corpus, data-driven: each hostile token is rejected, and by the check it targets, with
/// that check's stable code. The controls prove the kit's real mandates verify, so a rejection is
/// never an accident of the setup.
/// </summary>
public sealed class MandateAttackCorpusTests
{
    public static TheoryData<string> Attacks() => [.. MandateAttacks.All.Select(a => a.Name)];

    [Fact]
    public void Corpus_HasAtLeastFiftyDistinctAttacks()
    {
        Assert.True(MandateAttacks.All.Count >= 50, $"{MandateAttacks.All.Count} attacks");
        Assert.Equal(MandateAttacks.All.Count, MandateAttacks.All.Select(a => a.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Verify_Attack_IsRejectedByTheCheckItTargets(string name)
    {
        var attack = MandateAttacks.Find(name);
        using var kit = new AttackKit();
        var token = attack.Token(kit);
        attack.Arrange?.Invoke(kit);

        var result = kit.F.Verifier().Verify(token, attack.Options?.Invoke(kit));

        Assert.False(result.IsValid, $"'{name}' was accepted");
        Assert.Equal(attack.Check, result.FailedCheck);
        Assert.Equal(CodeOf(attack.Check), result.Error.Code);
        Assert.StartsWith("Mandate rejected: ", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_KitMandates_AreAcceptedAsControls()
    {
        using var kit = new AttackKit();
        var verifier = kit.F.Verifier();

        Assert.True(verifier.Verify(kit.Root.Token).IsValid);
        Assert.True(verifier.Verify(kit.Child.Token).IsValid);
        Assert.True(verifier.Verify(kit.Grandchild.Token).IsValid);
        Assert.True(verifier.Verify(kit.WithAudience.Token, new MandateVerificationOptions { Audience = AttackKit.ApiAudience }).IsValid);
        Assert.True(verifier.Verify(kit.Bound.Token, new MandateVerificationOptions { PresenterCertificate = kit.PresenterDer }).IsValid);
        Assert.True(verifier.Verify(kit.Resign(kit.Grandchild, _ => { })).IsValid, "an untouched payload re-signed by the forge verifies");
    }

    [Fact]
    public void Verify_NearMissesWithinTheSkew_AreAccepted()
    {
        using var kit = new AttackKit();
        var verifier = kit.F.Verifier();

        Assert.True(verifier.Verify(kit.Resign(kit.Root, p => p["nbf"] = kit.Now + 60)).IsValid);
        Assert.True(verifier.Verify(kit.Resign(kit.Root, p => { p["iat"] = kit.Now + 60; MandateForge.Hop(p, 0)["iat"] = kit.Now + 60; })).IsValid);
        kit.F.Time.SetUtcNow(kit.Root.Claims.ExpiresAt + MandateVerifier.Skew);
        Assert.True(verifier.Verify(kit.Root.Token).IsValid);
    }

    [Fact]
    public void SvidVerifier_MandatePresentedAsAJwtSvid_IsRejected()
    {
        using var kit = new AttackKit();
        var svids = new SvidVerifier(kit.F.Bundle, kit.F.Time);

        var result = svids.VerifyJwt(kit.WithAudience.Token, AttackKit.ApiAudience);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.SvidInvalid, result.Error.Code);
        Assert.Contains("mandate", result.Error.Message, StringComparison.Ordinal);
        Assert.True(svids.VerifyJwt(kit.JwtSvid, AttackKit.ApiAudience).IsSuccess, "control: the kit's JWT-SVID verifies");
    }

    [Fact]
    public void Verify_RandomMutationsOfAValidToken_NeverThrowAndNeverPass()
    {
        using var kit = new AttackKit();
        var verifier = kit.F.Verifier();
        var token = kit.Grandchild.Token;
        var random = new Random(5);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        for (var i = 0; i < 3000; i++)
        {
            var chars = token.ToCharArray();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var mutated = new string(chars);
            if (mutated == token)
            {
                continue;
            }

            var result = verifier.Verify(mutated);
            Assert.False(result.IsValid && result.Claims.Jti != kit.Grandchild.Claims.Jti, mutated);
        }
    }

    internal static string CodeOf(MandateCheck check) => check switch
    {
        MandateCheck.Size or MandateCheck.Format => ErrorCodes.MandateMalformed,
        MandateCheck.Header or MandateCheck.Algorithm or MandateCheck.Type => ErrorCodes.MandateHeaderInvalid,
        MandateCheck.Key => ErrorCodes.MandateKeyUnknown,
        MandateCheck.Signature => ErrorCodes.MandateSignatureInvalid,
        MandateCheck.Claims => ErrorCodes.MandateClaimsInvalid,
        MandateCheck.Issuer => ErrorCodes.MandateIssuerUntrusted,
        MandateCheck.Expiry => ErrorCodes.MandateExpired,
        MandateCheck.NotBefore or MandateCheck.IssuedAt => ErrorCodes.MandateNotYetValid,
        MandateCheck.Audience => ErrorCodes.MandateWrongAudience,
        MandateCheck.Revocation => ErrorCodes.MandateRevoked,
        MandateCheck.Presenter => ErrorCodes.MandatePresenterMismatch,
        MandateCheck.PresenterMissing => ErrorCodes.MandatePresenterRequired,
        _ => ErrorCodes.MandateChainInvalid,
    };
}
