using Mandate.Cedar.Validation;

namespace Mandate.Cedar.Tests.Validation;

/// <summary>
/// Validation errors point at the expression they are about. Each policy marks the expected place with <c>$</c>
/// (removed before parsing); the rest of the policy is well typed, and names are repeated on purpose so that
/// looking a name up in the text would find the wrong place.
/// </summary>
public sealed class ValidatorPositionTests
{
    [Theory]
    // Attribute access: the second `.name`, not the first.
    [InlineData("permit(principal, action, resource) when { principal.name == \"a\" && $resource.name == \"b\" };", "attribute `name` not found")]
    // An optional attribute read without `has`, on the second line.
    [InlineData("permit(principal, action, resource)\nwhen { principal.age > 1 &&\n  $principal.email == \"x\" };", "unsafe access to optional attribute `email`")]
    // `has` on a Long: the error is about its left operand.
    [InlineData("permit(principal, action, resource) when { principal.age > 1 && $principal.age has x };", "unexpected type")]
    // An operator: the operand that is not a Long.
    [InlineData("permit(principal, action, resource) when { principal.age + $principal.name > 1 };", "expected Long but saw String")]
    // A comparison of incompatible types: the whole comparison, from its left operand.
    [InlineData("permit(principal, action, resource) when { principal.age > 1 && $principal.name < 3 };", "unexpected type in a comparison")]
    // `contains` with an element of another type than the set's: the call, from its receiver.
    [InlineData("permit(principal, action, resource)\n  when {\n    principal.age > 1 && $principal.roles.contains(1) };", "not compatible")]
    // A function call with an argument that does not parse.
    [InlineData("permit(principal, action, resource) when { principal.home == ip(\"10.0.0.1\") || principal.home == $ip(\"nope\") };", "invalid argument to `ip`")]
    // A method call on the wrong type: the receiver.
    [InlineData("permit(principal, action, resource) when { principal.home.isLoopback() && $principal.name.isLoopback() };", "unexpected type")]
    // An entity literal of an enumerated type that is not one of its values.
    [InlineData("permit(principal, action, resource) when { Stage::\"draft\" != $Stage::\"draft2\" };", "not one of the values")]
    // `like` on a Long.
    [InlineData("permit(principal, action, resource) when { principal.name like \"a*\" && $principal.age like \"a*\" };", "expected String but saw Long")]
    // `if` whose branches have no common type.
    [InlineData("permit(principal, action == Action::\"read\", resource) when {\n  ($if context.flag then 1 else \"x\") == 1 };", "the branches of `if`")]
    // An `if` condition that is not a boolean.
    [InlineData("permit(principal, action, resource) when { if $principal.age then true else false };", "expected Bool but saw Long")]
    // A `getTag` without `hasTag`.
    [InlineData("permit(principal, action, resource) when { principal.hasTag(\"t\") && principal.getTag(\"t\") == \"x\" && $principal.getTag(\"u\") == \"y\" };", "unsafe tag access")]
    // An empty set literal.
    [InlineData("permit(principal, action, resource) when { principal.age > 1 && principal.roles.containsAll($[]) };", "empty set literals")]
    // A parenthesized expression: inside its parentheses.
    [InlineData("permit(principal, action, resource) when { principal.age > 1 && ($principal.age + 1) };", "expected Bool but saw Long")]
    public void Validate_ErrorInAnExpression_PointsAtThatExpression(string marked, string message)
    {
        var (text, line, column) = Unmark(marked);
        var result = Validator.Validate(PolicySet.Parse(text), ValidatorTests.Schema, text);
        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal) && (e.Line, e.Column) == (line, column));
    }

    [Fact]
    public void Validate_SameMessageAtTwoPlaces_IsReportedAtBoth()
    {
        const string text = "permit(principal, action, resource) when {\n  resource.name == \"a\" ||\n  resource.name == \"b\" };";
        var result = Validator.Validate(PolicySet.Parse(text), ValidatorTests.Schema, text);
        Assert.Equal([(2, 3), (3, 3)], result.Errors.Where(e => e.Message.Contains("`name`", StringComparison.Ordinal)).Select(e => (e.Line, e.Column)));
    }

    private static (string Text, int Line, int Column) Unmark(string marked)
    {
        var at = marked.IndexOf('$', StringComparison.Ordinal);
        var before = marked[..at];
        var line = before.Count(c => c == '\n') + 1;
        var column = at - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(at, 1), line, column);
    }
}
