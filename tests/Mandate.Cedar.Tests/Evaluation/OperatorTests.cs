namespace Mandate.Cedar.Tests.Evaluation;

public sealed class OperatorTests
{
    [Theory]
    [InlineData("9223372036854775807 + 1")]
    [InlineData("-9223372036854775808 - 1")]
    [InlineData("4611686018427387904 * 2")]
    [InlineData("-(-9223372036854775808)")]
    [InlineData("-9223372036854775807 - 1 - 1")]
    public void Arithmetic_Overflow_IsAnError(string expression)
    {
        Assert.Contains("overflow", Cedar.Eval(expression), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9223372036854775806 + 1", "9223372036854775807")]
    [InlineData("-9223372036854775807 - 1", "-9223372036854775808")]
    [InlineData("3 * -4", "-12")]
    [InlineData("--4", "4")]
    [InlineData("2 - 3 - 4", "-5")]
    public void Arithmetic_InRange_IsExact(string expression, string expected) => Assert.Equal(expected, Cedar.Eval(expression));

    [Theory]
    [InlineData("false && 1", "false")]
    [InlineData("true || 1", "true")]
    [InlineData("false && (1 + \"a\" == 2)", "false")]
    public void AndOr_ShortCircuit_SkipsTheRightSide(string expression, string expected) => Assert.Equal(expected, Cedar.Eval(expression));

    [Theory]
    [InlineData("true && 1")]
    [InlineData("1 && true")]
    [InlineData("false || \"x\"")]
    [InlineData("if 1 then true else false")]
    [InlineData("!1")]
    [InlineData("1 < \"a\"")]
    [InlineData("\"a\" < \"b\"")]
    [InlineData("1 in [User::\"a\"]")]
    [InlineData("User::\"a\" in [User::\"a\", 1]")]
    [InlineData("[1].containsAll(1)")]
    [InlineData("{a: 1}.b")]
    [InlineData("User::\"missing\".name")]
    [InlineData("1 has a")]
    [InlineData("1 is User")]
    public void TypeErrorsAndMissingData_AreErrors(string expression) => Assert.True(Cedar.IsError(expression));

    [Theory]
    [InlineData("[1, 2] == [2, 1, 1]", "true")]
    [InlineData("{a: 1, b: [true]} == {b: [true], a: 1}", "true")]
    [InlineData("1 == \"1\"", "false")]
    [InlineData("User::\"a\" != User::\"b\"", "true")]
    [InlineData("[1, [2]].contains([2])", "true")]
    [InlineData("[1, 2, 3].containsAll([3, 1])", "true")]
    [InlineData("[1, 2].containsAny([5, 2])", "true")]
    [InlineData("[].isEmpty()", "true")]
    [InlineData("if 1 > 2 then \"a\" else \"b\"", "\"b\"")]
    [InlineData("{a: {b: 1}} has a.b", "true")]
    [InlineData("{a: {b: 1}} has a.c", "false")]
    [InlineData("{a: 1} has b.c", "false")]
    [InlineData("{\"a b\": 1}[\"a b\"]", "1")]
    [InlineData("User::\"missing\" has name", "false")]
    [InlineData("User::\"a\" is User", "true")]
    [InlineData("NS::User::\"a\" is User", "false")]
    public void Values_CompareAndQueryAsCedarSays(string expression, string expected) => Assert.Equal(expected, Cedar.Eval(expression));

    [Fact]
    public void In_FollowsTheHierarchyTransitively()
    {
        var entities = Entities.FromJson("""
            [
              {"uid": {"type": "User", "id": "alice"}, "attrs": {}, "parents": [{"type": "Group", "id": "eng"}]},
              {"uid": {"type": "Group", "id": "eng"}, "attrs": {}, "parents": [{"type": "Group", "id": "all"}]},
              {"uid": {"type": "Group", "id": "all"}, "attrs": {}, "parents": []}
            ]
            """);
        Assert.Equal("true", Cedar.Eval("principal in Group::\"all\"", entities));
        Assert.Equal("true", Cedar.Eval("principal in [Group::\"x\", Group::\"all\"]", entities));
        Assert.Equal("false", Cedar.Eval("Group::\"all\" in principal", entities));
        Assert.Equal("true", Cedar.Eval("principal is User in Group::\"eng\"", entities));
        Assert.Equal("true", Cedar.Eval("User::\"nobody\" in User::\"nobody\"", entities));
    }

    [Fact]
    public void Tags_AreReadWithGetTagAndHasTag()
    {
        var entities = Entities.FromJson("""[{"uid": {"type": "User", "id": "alice"}, "attrs": {}, "parents": [], "tags": {"team": "blue"}}]""");
        Assert.Equal("\"blue\"", Cedar.Eval("principal.getTag(\"team\")", entities));
        Assert.Equal("true", Cedar.Eval("principal.hasTag(\"team\")", entities));
        Assert.Equal("false", Cedar.Eval("principal.hasTag(\"x\")", entities));
        Assert.True(Cedar.IsError("principal.getTag(\"x\")", entities));
        Assert.True(Cedar.IsError("principal.hasTag(1)", entities));
    }
}
