using Mandate.Cedar.Schema;
using Mandate.Cedar.Validation;

namespace Mandate.Cedar.Tests.Validation;

public sealed class ValidatorTests
{
    internal static readonly CedarSchema Schema = CedarSchema.Parse("""
        type Address = { street: String, zip?: Long };
        entity Group;
        entity User in [Group] { name: String, age: Long, email?: String, address: Address, roles: Set<String>, home: ipaddr } tags String;
        entity Document { owner: User, level: Long, created: datetime, ttl: duration, price: decimal };
        entity Stage enum ["draft", "final"];
        action read appliesTo { principal: [User], resource: [Document], context: { ip: ipaddr, flag: Bool, at?: datetime } };
        action write in [read] appliesTo { principal: User, resource: Document };
        action archive;
        """);

    [Theory]
    [InlineData("permit(principal, action, resource);")]
    [InlineData("permit(principal == User::\"a\", action == Action::\"read\", resource) when { resource.owner == principal };")]
    [InlineData("permit(principal in Group::\"g\", action in [Action::\"read\"], resource is Document);")]
    [InlineData("permit(principal, action, resource) when { principal.name like \"a*\" && principal.age + 1 > 18 };")]
    [InlineData("permit(principal, action, resource) when { principal.roles.contains(\"admin\") && principal.roles.containsAny([\"x\", \"y\"]) };")]
    [InlineData("permit(principal, action, resource) when { principal.address.street != \"\" && principal in resource.owner };")]
    [InlineData("permit(principal, action == Action::\"read\", resource) when { context.ip.isInRange(ip(\"10.0.0.0/8\")) && principal.home.isLoopback() };")]
    [InlineData("permit(principal, action, resource) when { resource.price.lessThan(decimal(\"1.5\")) };")]
    [InlineData("permit(principal, action, resource) when { resource.created < datetime(\"2025-01-01\") && resource.ttl > duration(\"1h\") };")]
    [InlineData("permit(principal, action, resource) when { resource.created.offset(resource.ttl).toDate() == datetime(\"2025-01-01\") };")]
    [InlineData("permit(principal, action, resource) when { principal is User && { a: 1, b: \"x\" }.a == 1 };")]
    [InlineData("permit(principal, action == Action::\"read\", resource) when { (if context.flag then principal.age else 0) >= 0 };")]
    [InlineData("permit(principal, action, resource) when { Stage::\"draft\" != Stage::\"final\" };")]
    public void Validate_WellTypedPolicies_HaveNoErrors(string policy)
    {
        var result = Validate(policy);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [InlineData("permit(principal == Usr::\"a\", action, resource);", "unrecognized entity type `Usr`")]
    [InlineData("permit(principal, action, resource) when { principal is Admin };", "unrecognized entity type `Admin`")]
    [InlineData("permit(principal, action == Action::\"delete\", resource);", "unrecognized action `Action::\"delete\"`")]
    [InlineData("permit(principal, action, resource) when { resource == Stage::\"done\" };", "enumerated entity type `Stage`")]
    [InlineData("permit(principal, action, resource) when { principal.nickname == \"x\" };", "attribute `nickname` not found")]
    [InlineData("permit(principal, action, resource) when { principal.email == \"x\" };", "optional attribute `email`")]
    [InlineData("permit(principal, action, resource) when { principal.address.zip == 1 };", "optional attribute `zip`")]
    [InlineData("permit(principal, action, resource) when { principal has email || principal.email == \"x\" };", "optional attribute `email`")]
    [InlineData("permit(principal, action, resource) when { principal.age like \"1*\" };", "expected String")]
    [InlineData("permit(principal, action, resource) when { principal.name + 1 == 2 };", "expected Long")]
    [InlineData("permit(principal, action, resource) when { principal.name < \"b\" };", "comparison")]
    [InlineData("permit(principal, action, resource) when { resource.created < resource.ttl };", "comparison")]
    [InlineData("permit(principal, action, resource) when { principal.age == \"1\" };", "not compatible")]
    [InlineData("permit(principal, action, resource) when { [1, \"a\"].contains(1) };", "not compatible")]
    [InlineData("permit(principal, action, resource) when { [].isEmpty() };", "empty set")]
    [InlineData("permit(principal, action, resource) when { principal.roles.contains(1) };", "not compatible")]
    [InlineData("permit(principal, action, resource) when { principal.roles.containsAll([1]) };", "not compatible")]
    [InlineData("permit(principal, action, resource) when { [principal, resource].contains(principal) };", "not compatible")]
    [InlineData("permit(principal, action == Action::\"read\", resource) when { if context.flag then 1 else \"a\" };", "not compatible")]
    [InlineData("permit(principal, action in Action::\"read\", resource) when { context.flag };", "attribute `flag` not found on `context`")]
    [InlineData("permit(principal, action, resource) when { ip(\"10.0.0.1\").isInRange(ip(\"not an ip\")) };", "invalid argument to `ip`")]
    [InlineData("permit(principal, action, resource) when { ip(principal.name).isIpv4() };", "must be a literal")]
    [InlineData("permit(principal, action, resource) when { principal.getTag(\"k\") == \"v\" };", "unsafe tag access")]
    [InlineData("permit(principal, action, resource) when { principal.home has x };", "expected an entity or a record")]
    [InlineData("permit(principal, action, resource) when { principal.age };", "expected Bool")]
    [InlineData("permit(principal, action, resource) when { action.name == \"read\" };", "attribute `name` not found")]
    [InlineData("permit(principal, action == Action::\"read\", resource) when { context.at < datetime(\"2025-01-01\") };", "optional attribute `at`")]
    public void Validate_IllTypedPolicies_AreRejected(string policy, string reason)
    {
        var result = Validate(policy);
        Assert.Contains(result.Errors, e => e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("permit(principal, action, resource) when { principal has email && principal.email == \"x\" };")]
    [InlineData("permit(principal, action, resource) when { principal has address.zip && principal.address.zip > 1 };")]
    [InlineData("permit(principal, action, resource) when { if principal has email then principal.email == \"x\" else true };")]
    [InlineData("permit(principal, action, resource) when { principal has email } when { principal.email == \"x\" };")]
    [InlineData("permit(principal, action, resource) when { principal.hasTag(\"k\") && principal.getTag(\"k\") == \"v\" };")]
    [InlineData("permit(principal, action == Action::\"read\", resource) when { context has at && context.at < datetime(\"2025-01-01\") };")]
    public void Validate_GuardedOptionalAccess_IsAllowed(string policy)
    {
        var result = Validate(policy);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [InlineData("permit(principal, action, resource) when { false && principal.age == \"x\" };")]
    [InlineData("permit(principal, action, resource) when { true || principal.age == \"x\" };")]
    [InlineData("permit(principal, action, resource) when { if false then principal.age == \"x\" else true };")]
    [InlineData("permit(principal, action, resource) when { principal is Group && principal.age == \"x\" };")]
    [InlineData("permit(principal == Group::\"g\", action, resource) when { principal.age == \"x\" };")]
    [InlineData("permit(principal, action == Action::\"write\", resource) when { action == Action::\"read\" && principal.age == \"x\" };")]
    [InlineData("permit(principal, action, resource) when { principal == resource && principal.age == \"x\" };")]
    [InlineData("permit(principal, action, resource) when { resource in principal && principal.age == \"x\" };")]
    public void Validate_CodeThatCannotRun_IsNotTypechecked(string policy)
    {
        var result = Validate(policy);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [InlineData("permit(principal, action == Action::\"archive\", resource);")]
    [InlineData("permit(principal is Group, action, resource);")]
    [InlineData("permit(principal, action in [Action::\"read\"], resource == User::\"u\");")]
    public void Validate_PolicyThatAppliesToNoAction_IsAWarningAsInCedar413(string policy)
    {
        var result = Validate(policy);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("unable to find an applicable action", StringComparison.Ordinal));
        var legacy = Validator.Validate(PolicySet.Parse(policy), Schema, policy, actionApplicationIsError: true);
        Assert.False(legacy.IsValid);
    }

    [Fact]
    public void Validate_PolicyFalseEverywhere_IsAnImpossiblePolicyWarning()
    {
        var result = Validate("permit(principal, action, resource) when { principal has nickname };");
        Assert.True(result.IsValid);
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("policy is impossible", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReportsEveryErrorOfEveryPolicy_AtTheExpressionOrNameItIsAbout()
    {
        const string text = """
            permit(principal, action, resource) when { principal.nickname == 1 };

            // second policy
            forbid(principal == Usr::"x", action, resource)
            when { principal.age == "1" && resource.colour == 2 };
            """;
        var result = Validate(text);
        Assert.Contains(result.Errors, e => e is { PolicyId: "policy0", Line: 1, Column: 44 } && e.Message.Contains("nickname", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { PolicyId: "policy1", Line: 4, Column: 21 } && e.Message.Contains("`Usr`", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { PolicyId: "policy1", Line: 5, Column: 8 } && e.Message.Contains("not compatible", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { PolicyId: "policy1", Line: 5, Column: 32 } && e.Message.Contains("colour", StringComparison.Ordinal));
        Assert.All(Validator.Validate(PolicySet.Parse(text), Schema).Errors, e => Assert.Equal((0, 0), (e.Line, e.Column)));
    }

    [Fact]
    public void Validate_Templates_AreTypecheckedForEverySlotType()
    {
        Assert.True(Validate("permit(principal in ?principal, action, resource == ?resource) when { principal.age > 1 };").IsValid);
        Assert.False(Validate("permit(principal == ?principal, action, resource) when { principal.nickname == 1 };").IsValid);
        var linked = PolicySet.Parse("permit(principal == ?principal, action, resource);").Link("policy0", "link", principal: new EntityUid("Nobody", "x"));
        Assert.Contains(Validator.Validate(linked, Schema).Errors, e => e.PolicyId == "link" && e.Message.Contains("`Nobody`", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DeeplyNestedExpressions_AreCheckedWithoutOverflow()
    {
        var sum = string.Join(" + ", Enumerable.Repeat("principal.age", 1000));
        var negations = string.Concat(Enumerable.Repeat("!(", 200)) + "context has ip" + new string(')', 200);
        Assert.True(Validate("permit(principal, action, resource) when { " + sum + " > 0 };").IsValid);
        Assert.True(Validate("permit(principal, action, resource) when { " + negations + " };").IsValid);
    }

    private static ValidationResult Validate(string policies) => Validator.Validate(PolicySet.Parse(policies), Schema, policies);
}
