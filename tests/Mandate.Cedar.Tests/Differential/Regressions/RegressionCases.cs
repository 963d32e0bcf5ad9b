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
    ];
}
