namespace Mandate.Cedar.Tests.Differential.Regressions;

/// <summary>
/// Every divergence the differential tests found, minimised, with the answer cedar-wasm 4.13.0 gives
/// (<see cref="RegressionTests.CedarWasm_StillGivesTheRecordedAnswer"/> keeps the recorded answers honest).
/// </summary>
internal static class RegressionCases
{
    private const string AnyRequest = """{"principal":{"type":"User","id":"a"},"action":{"type":"Action","id":"read"},"resource":{"type":"Doc","id":"d"},"context":{}}""";

    public static readonly RegressionCase[] All =
    [
        // Found with seed 20261123 (scenario 5): Cedar refuses entity data in which an action is a member of a
        // non-action entity; Mandate accepted it and answered.
        new(
            "action with a non-action parent is refused",
            "permit(principal, action, resource);",
            """[{"uid":{"type":"Action","id":"read"},"attrs":{},"parents":[{"type":"Group","id":"ghost"}]}]""",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),
        new(
            "namespaced action with a non-action parent is refused",
            "permit(principal, action, resource);",
            """[{"uid":{"type":"Ns::Action","id":"read"},"attrs":{},"parents":[{"type":"Ns::Group","id":"g"}]}]""",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),
        new(
            "action with an action parent of another namespace is accepted",
            "permit(principal, action in Ns::Action::\"all\", resource);",
            """[{"uid":{"type":"Action","id":"read"},"attrs":{},"parents":[{"type":"Ns::Action","id":"all"}]}]""",
            AnyRequest,
            "allow",
            ["policy0"],
            []),
        new(
            "non-action entity with an action parent is accepted",
            "permit(principal in Action::\"read\", action, resource);",
            """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[{"type":"Action","id":"read"}]}]""",
            AnyRequest,
            "allow",
            ["policy0"],
            []),
        // Found with seed 20261123 (1% of scenarios carry invalid data): Cedar refuses a hierarchy with a cycle,
        // even a self-loop; Mandate accepted it.
        new(
            "entity that is its own parent is refused",
            "permit(principal, action, resource);",
            """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[{"type":"User","id":"a"}]}]""",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),
        new(
            "two entities each the other's parent are refused",
            "permit(principal, action, resource);",
            """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[{"type":"Group","id":"g"}]},{"uid":{"type":"Group","id":"g"},"attrs":{},"parents":[{"type":"User","id":"a"}]}]""",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),
        new(
            "action cycle is refused",
            "permit(principal, action, resource);",
            """[{"uid":{"type":"Action","id":"read"},"attrs":{},"parents":[{"type":"Action","id":"all"}]},{"uid":{"type":"Action","id":"all"},"attrs":{},"parents":[{"type":"Action","id":"read"}]}]""",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),

        // Found with seed 20261123: Cedar accepts an entity listed twice when both entries are the same (and
        // refuses differing ones); Mandate refused both.
        new(
            "identical duplicate entity is accepted",
            "permit(principal in Group::\"g\", action, resource);",
            """[{"uid":{"type":"User","id":"a"},"attrs":{"n":1},"parents":[{"type":"Group","id":"g"}]},{"uid":{"type":"User","id":"a"},"attrs":{"n":1},"parents":[{"type":"Group","id":"g"}]}]""",
            AnyRequest,
            "allow",
            ["policy0"],
            []),
        new(
            "differing duplicate entity is refused",
            "permit(principal, action, resource);",
            """[{"uid":{"type":"User","id":"a"},"attrs":{"n":1},"parents":[]},{"uid":{"type":"User","id":"a"},"attrs":{"n":2},"parents":[]}]""",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),

        // Found by the probes: Cedar refuses a non-action entity in an action scope list.
        new(
            "non-action entity in an action scope list is a parse error",
            "permit(principal, action in [Action::\"read\", User::\"b\"], resource);",
            "[]",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),

        // Found by the probes: reserved words cannot name an attribute after `has` or a record key.
        new(
            "has followed by a reserved word is a parse error",
            "permit(principal, action, resource) when { context has if };",
            "[]",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),
        new(
            "has followed by `in` is a parse error",
            "permit(principal, action, resource) when { context has in };",
            "[]",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),
        new(
            "reserved word as a record key is a parse error",
            "permit(principal, action, resource) when { {then: 1} == {then: 1} };",
            "[]",
            AnyRequest,
            RegressionCase.Refused,
            [],
            []),
        new(
            "variable name after has is allowed",
            "permit(principal, action, resource) unless { context has principal };",
            "[]",
            AnyRequest,
            "allow",
            ["policy0"],
            []),
    ];
}
