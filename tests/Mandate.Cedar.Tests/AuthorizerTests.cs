namespace Mandate.Cedar.Tests;

public sealed class AuthorizerTests
{
    [Fact]
    public void NoPolicies_DeniesByDefault()
    {
        var response = Cedar.Authorize(string.Empty);
        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Empty(response.Reasons);
        Assert.Empty(response.Errors);
    }

    [Fact]
    public void SatisfiedPermit_AllowsAndIsTheReason()
    {
        var response = Cedar.Authorize("permit(principal == User::\"alice\", action, resource);");
        Assert.Equal(Decision.Allow, response.Decision);
        Assert.Equal(["policy0"], response.Reasons);
    }

    [Fact]
    public void SatisfiedForbid_OverridesPermits_AndOnlyForbidsAreReasons()
    {
        var response = Cedar.Authorize("""
            permit(principal, action, resource);
            forbid(principal, action == Action::"view", resource);
            permit(principal, action, resource);
            """);
        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Equal(["policy1"], response.Reasons);
    }

    [Fact]
    public void ErroringPolicy_IsSkippedAndReported()
    {
        var response = Cedar.Authorize("""
            forbid(principal, action, resource) when { principal.missing };
            permit(principal, action, resource) when { 1 + "a" == 2 };
            permit(principal, action, resource) when { context has x || true };
            """);
        Assert.Equal(Decision.Allow, response.Decision);
        Assert.Equal(["policy2"], response.Reasons);
        Assert.Equal(["policy0", "policy1"], response.Errors.Select(e => e.PolicyId));
        Assert.Contains("does not exist", response.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonBooleanCondition_IsAnError()
    {
        var response = Cedar.Authorize("permit(principal, action, resource) when { 1 };");
        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Equal("policy0", Assert.Single(response.Errors).PolicyId);
    }

    [Fact]
    public void Unless_DeniesWhenItsConditionHolds()
    {
        Assert.Equal(Decision.Deny, Cedar.Authorize("permit(principal, action, resource) unless { true };").Decision);
        Assert.Equal(Decision.Allow, Cedar.Authorize("permit(principal, action, resource) when { true } unless { false };").Decision);
    }

    [Fact]
    public void ActionGroups_MatchThroughTheHierarchy()
    {
        var entities = Entities.FromJson("""
            [{"uid": {"type": "Action", "id": "view"}, "attrs": {}, "parents": [{"type": "Action", "id": "read"}]},
             {"uid": {"type": "Action", "id": "read"}, "attrs": {}, "parents": []}]
            """);
        var response = Cedar.Authorize("""
            permit(principal, action in Action::"read", resource);
            permit(principal, action in [Action::"edit"], resource);
            permit(principal, action == Action::"view", resource);
            """, entities);
        Assert.Equal(["policy0", "policy2"], response.Reasons);
    }

    [Fact]
    public void TemplateLinks_FillTheSlots_AndUnlinkedTemplatesDoNothing()
    {
        var set = PolicySet.Parse("permit(principal == ?principal, action, resource in ?resource);");
        var request = new Request(Cedar.Alice, Cedar.View, Cedar.Photo);
        Assert.Equal(Decision.Deny, Authorizer.IsAuthorized(request, set, Entities.Empty).Decision);

        var linked = set.Link("policy0", "alice-photo", Cedar.Alice, Cedar.Photo);
        var response = Authorizer.IsAuthorized(request, linked, Entities.Empty);
        Assert.Equal(Decision.Allow, response.Decision);
        Assert.Equal(["alice-photo"], response.Reasons);
        Assert.Throws<ArgumentException>(() => set.Link("policy0", "x", Cedar.Alice));
    }

    [Fact]
    public void Context_IsAvailableToConditions()
    {
        var request = Request.FromJson("""
            {"principal": {"type": "User", "id": "alice"}, "action": {"__entity": {"type": "Action", "id": "view"}},
             "resource": {"type": "Photo", "id": "x"}, "context": {"ip": {"__extn": {"fn": "ip", "arg": "10.1.1.1"}}, "mfa": true}}
            """);
        var response = Cedar.Authorize(
            "permit(principal, action, resource) when { context.mfa && context.ip.isInRange(ip(\"10.0.0.0/8\")) };",
            request: request);
        Assert.Equal(Decision.Allow, response.Decision);
    }

    [Fact]
    public void Response_ToJson_IsOneLineForTools()
    {
        var response = Cedar.Authorize("permit(principal, action, resource);\nforbid(principal, action, resource) when { principal.x };");
        Assert.Equal("""{"decision":"allow","reasons":["policy0"],"errors":[{"policy":"policy1","message":"entity `User::\"alice\"` does not exist"}]}""", response.ToJson());
    }
}
