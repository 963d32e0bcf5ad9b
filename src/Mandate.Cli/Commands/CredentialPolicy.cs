using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;
using Mandate.Agents.Runtime;
using Mandate.Core.Errors;
using Mandate.Credentials.Leases;

namespace Mandate.Cli.Commands;

/// <summary>
/// Issuing a credential is a policy decision (<c>credential.issue</c>, DESIGN.md §4): the same Cedar policy set as tool
/// calls — the built-in guardrails, the organisation's and the project's files, and the mandate's scope — decides it.
/// Anything but allow refuses: a CLI command has no human to ask, and a policy set that does not load denies.
/// </summary>
internal static class CredentialPolicy
{
    public static CredentialPolicyRefusal? Decide(CliContext ctx, CredentialPolicyRequest request)
    {
        var project = ProjectRoot.Find(Environment.CurrentDirectory);
        var bundle = PolicyBundle.Load(Path.Combine(ctx.Home.Root, "policies"), Path.Combine(project, ".mandate", "policies"));
        if (!bundle.IsSuccess)
        {
            return new CredentialPolicyRefusal(
                new MandateError(ErrorCodes.LeasePolicyDenied, $"No credential is issued while the policy set does not load: {bundle.Error.Message}", bundle.Error.Fix),
                []);
        }

        var context = new ToolContext
        {
            Principal = request.Actor,
            AgentType = "cli",
            Dialect = "cli",
            Project = project,
            Cwd = Environment.CurrentDirectory,
            Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify),
            MandateHome = ctx.Home.Root,
            SessionId = LeaseCli.SessionId ?? "",
            ToolName = "credential." + request.Kind,
        };
        var decision = DecisionEngine.Decide(
            [RequestBuilder.Credential(request.Kind, request.Provider, request.Capability)],
            DecisionProfile.From(request.Mandate),
            context,
            bundle.Value);
        return decision.Verdict == Verdict.Allow
            ? null
            : new CredentialPolicyRefusal(
                new MandateError(
                    ErrorCodes.LeasePolicyDenied,
                    $"Issuing {request.Capability} is {(decision.Verdict == Verdict.Ask ? "held for a human's approval" : "denied")} by policy: {decision.Reason}.",
                    "Ask the administrator to change the policy named, or ask for a mandate that policy allows."),
                decision.PolicyIds);
    }
}
