namespace Mandate.Cedar.Tests.Parsing;

public sealed class ParserTests
{
    [Fact]
    public void Parse_PoliciesWithoutIds_AreNamedByPosition()
    {
        var set = PolicySet.Parse("permit(principal, action, resource);\nforbid(principal, action, resource) when { true };");
        Assert.Equal(["policy0", "policy1"], set.Policies.Select(p => p.Id));
        Assert.Equal(Effect.Forbid, set.Policies[1].Effect);
    }

    [Fact]
    public void Parse_Annotations_AreKeptWithEmptyValueWhenBare()
    {
        var set = PolicySet.Parse("@id(\"read\") @ask permit(principal, action, resource);");
        var policy = set.Policies[0];
        Assert.Equal("read", policy.Annotations["id"]);
        Assert.Equal(string.Empty, policy.Annotations["ask"]);
    }

    [Fact]
    public void Parse_MissingSemicolon_ReportsLineColumnAndExpectation()
    {
        Assert.False(PolicySet.TryParse("permit(principal, action, resource)\nwhen { true }", out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(14, error.Column);
        Assert.Contains("expected `;`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryMalformedPolicy_IsReported()
    {
        const string text = "permit(principal, action);\npermit(principal, action, resource);\nforbid(principal == 1, action, resource);";
        Assert.False(PolicySet.TryParse(text, out _, out var errors));
        Assert.Equal(2, errors.Count);
        Assert.Equal([1, 3], errors.Select(e => e.Line));
    }

    [Theory]
    [InlineData("permit(principal, action, resource) when { foo(1) };", "unknown function")]
    [InlineData("permit(principal, action, resource) when { 1 / 2 == 0 };", "division")]
    [InlineData("permit(principal, action, resource) when { 1 < 2 < 3 };", "parenthesized")]
    [InlineData("permit(principal, action, resource) when { x };", "unknown variable")]
    [InlineData("permit(principal, action, resource) when { 9223372036854775808 == 0 };", "too large")]
    [InlineData("permit(principal, action, resource) when { \"a\" like principal };", "string literal pattern")]
    [InlineData("permit(principal, action, resource) when { ip(\"1.2.3.4\").lessThan2() };", "unknown method")]
    [InlineData("permit(principal, action, resource) when { isIpv4(ip(\"1.2.3.4\")) };", "is a method")]
    [InlineData("permit(principal, action, resource) when { {a: 1, a: 2} == {} };", "duplicate key")]
    [InlineData("permit(principal, action, resource) when { !!!!!true };", "at most 4")]
    [InlineData("permit(principal, action, resource) when { principal == ?principal };", "only allowed in the policy scope")]
    [InlineData("permit(principal, action == User::\"a\", resource);", "Action")]
    [InlineData("permit(principal, action in [Action::\"a\", User::\"b\"], resource);", "Action")]
    [InlineData("permit(principal, action, resource) when { principal has if };", "reserved")]
    [InlineData("permit(principal, action, resource) when { principal has a.then };", "reserved")]
    [InlineData("permit(principal, action, resource) when { {if: 1} has \"if\" };", "reserved")]
    [InlineData("permit(principal, action, resource) when { \"\\q\" == \"\" };", "invalid escape")]
    [InlineData("allow(principal, action, resource);", "`permit` or `forbid`")]
    public void Parse_InvalidPolicy_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(PolicySet.TryParse(text, out _, out var errors));
        Assert.Contains(expected, Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NegativeMinimumLong_IsALiteralNotAnOverflow()
    {
        Assert.Equal("-9223372036854775808", Cedar.Eval("-9223372036854775808"));
        Assert.Equal("9223372036854775807", Cedar.Eval("--9223372036854775807"));
    }

    [Fact]
    public void Parse_ScopeForms_AreAllAccepted()
    {
        const string text = """
            permit(principal == User::"a", action == Action::"view", resource in Album::"x");
            permit(principal is User, action in [Action::"view", Action::"edit"], resource is Photo in Album::"x");
            permit(principal in ?principal, action in Action::"all", resource == ?resource);
            permit(principal is NS::User in ?principal, action, resource);
            """;
        var set = PolicySet.Parse(text);
        Assert.Equal(4, set.Policies.Count);
        Assert.Equal(2, set.Templates.Count());
    }

    [Fact]
    public void Parse_EntityReferences_HandleNamespacesAndEscapes()
    {
        Assert.Equal("A::B::\"x\\ny\"", Cedar.Eval("A :: B :: \"x\\ny\""));
        Assert.Equal("true", Cedar.Eval("A::\"\\u{1F600}\" == A::\"😀\""));
    }

    [Fact]
    public void Parse_HundredThousandNestedParentheses_IsAParseErrorNotACrash()
    {
        var text = "permit(principal, action, resource) when { " + new string('(', 100_000) + "true" + new string(')', 100_000) + " };";
        Assert.False(PolicySet.TryParse(text, out _, out var errors));
        Assert.Contains("nested too deeply", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HundredThousandTermChain_IsAParseErrorNotACrash()
    {
        var text = "permit(principal, action, resource) when { 1" + string.Concat(Enumerable.Repeat(" + 1", 100_000)) + " > 0 };";
        Assert.False(PolicySet.TryParse(text, out _, out var errors));
        Assert.Contains("nested too deeply", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedSetsAndRecords_AreBounded()
    {
        var text = "permit(principal, action, resource) when { " + new string('[', 50_000) + new string(']', 50_000) + " == [] };";
        Assert.False(PolicySet.TryParse(text, out _, out _));
        text = "permit(principal, action, resource) when { " + string.Concat(Enumerable.Repeat("{a:", 50_000)) + "1" + new string('}', 50_000) + " == {} };";
        Assert.False(PolicySet.TryParse(text, out _, out _));
    }

    [Fact]
    public void Parse_UnterminatedString_IsAnError()
    {
        Assert.False(PolicySet.TryParse("permit(principal, action, resource) when { \"abc };", out _, out var errors));
        Assert.NotEmpty(errors);
    }
}
