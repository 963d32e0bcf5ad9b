using System.Text.Json;
using Mandate.Core.Mandates;
using Mandate.Credentials.Aws;

namespace Mandate.Credentials.Tests.Aws;

public sealed class AwsNamesTests
{
    [Theory]
    [InlineData("spiffe://acme.dev/agent/claude-code/webapp/session/s1", "jane@acme.dev", "claude-code.jane")]
    [InlineData("spiffe://acme.dev/agent/cursor/webapp", "o'brien+ops@acme.dev", "cursor.o-brien+ops")]
    [InlineData("user:jane@acme.dev", "j@x", "agent.j")]
    public void SourceIdentity_NamesAgentTypeAndHuman_InStsCharacterSet(string actor, string email, string expected)
    {
        Assert.Equal(expected, AwsNames.SourceIdentity(actor, email));
    }

    [Fact]
    public void SourceIdentity_LongNames_AreCutTo64()
    {
        var identity = AwsNames.SourceIdentity("spiffe://td/agent/" + new string('a', 80) + "/p", new string('b', 80) + "@x");

        Assert.Equal(64, identity.Length);
        Assert.All(identity, c => Assert.True(AwsNames.IsIdentifierChar(c)));
    }

    [Fact]
    public void SessionName_IsMandateAndTheLeaseSuffix()
    {
        Assert.Equal("mandate-0123456789abcdef0123456789abcdef", AwsNames.SessionName("lse_0123456789abcdef0123456789abcdef"));
        Assert.Equal(2, AwsNames.Identifier("").Length);
    }

    [Fact]
    public void TagValue_ReplacesCharactersAwsRejects()
    {
        Assert.Equal("refactor_the auth_ module", AwsNames.TagValue("refactor\"the auth\u0001 module"));
        Assert.Equal(256, AwsNames.TagValue(new string('x', 300)).Length);
    }

    [Fact]
    public void SessionPolicy_ManyRoles_DropsChainingRatherThanExceed2048()
    {
        var scope = Scope.Parse(string.Join(' ', Enumerable.Range(0, 60).Select(i => $"aws:assume:arn:aws:iam::123456789012:role/some-rather-long-role-name-{i}"))).Value;

        var policy = AwsSessionPolicy.For(scope);

        Assert.True(policy.Length <= 2048);
        using var document = JsonDocument.Parse(policy);
        Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray());
    }

    [Fact]
    public void SessionPolicy_GlobsAndNames_BecomeIamPatterns()
    {
        var scope = Scope.Parse("aws:assume:arn:aws:iam::*:role/ci/** aws:assume:deploy db:connect:postgres/orders/read").Value;

        Assert.Equal(["arn:aws:iam::*:role/ci/*", "arn:*:iam::*:role/deploy"], AwsSessionPolicy.RolePatterns(scope));
    }
}
