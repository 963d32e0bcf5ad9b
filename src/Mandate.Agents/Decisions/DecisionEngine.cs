using Mandate.Agents.Hooks;
using Mandate.Cedar;

namespace Mandate.Agents.Decisions;

/// <summary>
/// Decides a tool call: each derived request is authorised by Cedar against the joined policy set, with
/// the mandate's covering capabilities in its context. A satisfied forbid denies, unless every satisfied
/// forbid carries <c>@ask</c>, which asks. A request no policy permits is denied under a mandate (it is
/// outside it) and asked without one. A forbid that fails to evaluate denies: Mandate fails closed.
/// </summary>
public static class DecisionEngine
{
    public static ToolDecision Decide(IReadOnlyList<DerivedRequest> requests, DecisionProfile profile, ToolContext context, PolicyBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(bundle);
        if (requests.Count == 0)
        {
            return ToolDecision.Failed("the tool call implies no request Mandate can check");
        }

        var principal = Resources.Agent(context.Principal, context.AgentType, context.Dialect, context.Subagent);
        var session = Session(context);
        var decisions = new List<RequestDecision>(requests.Count);
        foreach (var request in requests)
        {
            decisions.Add(DecideOne(request, principal, session, profile, bundle));
        }

        var deciding = decisions.MaxBy(d => Verdicts.Strength(d.Verdict))!;
        var verdict = deciding.Verdict;
        var reason = verdict == Verdict.Allow ? "allowed: " + deciding.Reason : deciding.Reason;
        return new ToolDecision(verdict, reason, decisions);
    }

    private static RequestDecision DecideOne(DerivedRequest request, Entity principal, RecordValue session, DecisionProfile profile, PolicyBundle bundle)
    {
        var covered = Matching(profile.Scope, request);
        var ask = Matching(profile.Ask, request);
        var context = RecordValue.Create(
        [
            new("mandate", RecordValue.Create(
            [
                new("present", BoolValue.Of(profile.HasMandate)),
                new("jti", new StringValue(profile.Jti)),
                new("human", new StringValue(profile.Human)),
                new("task", new StringValue(profile.TaskId)),
                new("covered_by", SetValue.Create(covered.Select(c => (CedarValue)new StringValue(c)))),
                new("ask", SetValue.Create(ask.Select(c => (CedarValue)new StringValue(c)))),
            ])),
            new("session", session),
        ]);
        var cedar = new Request(principal.Uid, Resources.Action(request.Action), request.Resource.Uid, context);
        var entities = Entities.Create([principal, request.Resource]);
        var response = Authorizer.IsAuthorized(cedar, bundle.Policies, entities);
        var errors = response.Errors.Select(e => $"{e.PolicyId}: {e.Message}").ToList();

        var failedForbid = response.Errors.Select(e => Source(bundle, e.PolicyId)).FirstOrDefault(s => s.Effect == Effect.Forbid);
        if (failedForbid is not null)
        {
            return new(request, Verdict.Deny, [failedForbid], $"{request.Summary}: policy {failedForbid.Id} could not be evaluated, so Mandate denies (fails closed)", covered, errors);
        }

        var policies = response.Reasons.Select(id => Source(bundle, id)).ToList();
        if (response.Decision == Decision.Allow)
        {
            var why = covered.Count > 0 ? $"{request.Summary} (mandate scope {covered[0]})" : request.Summary;
            return new(request, Verdict.Allow, policies, why, covered, errors);
        }

        var deny = policies.FirstOrDefault(p => !p.IsAsk);
        if (deny is not null)
        {
            return new(request, Verdict.Deny, [.. policies.Where(p => !p.IsAsk)], $"{request.Summary}: {deny.Text} [{deny.Id}]", covered, errors);
        }

        // Only @ask forbids, or nothing, stand against it: an ask applies to what is otherwise permitted;
        // what nothing permits is outside the mandate, and asking cannot widen that.
        var permitted = request.GuardOnly || Authorizer.IsAuthorized(cedar, bundle.Permits, entities).Decision == Decision.Allow;
        if (permitted)
        {
            return policies.Count > 0
                ? new(request, Verdict.Ask, policies, $"{request.Summary}: {policies[0].Text} [{policies[0].Id}]", covered, errors)
                : new(request, Verdict.Allow, [], $"{request.Summary} (no policy forbids it)", covered, errors);
        }

        if (request.Unscoped)
        {
            var text = policies.Count > 0 ? $"{policies[0].Text} [{policies[0].Id}]" : "it cannot be analysed before it runs";
            return new(request, Verdict.Ask, policies, $"{request.Summary}: {text}", covered, errors);
        }

        return profile.HasMandate
            ? new(request, Verdict.Deny, [], $"{request.Summary}: outside the mandate's scope{Hint(request)}", covered, errors)
            : new(request, Verdict.Ask, [], $"{request.Summary}: no mandate covers it (start a task with mandate task start, or set a project default)", covered, errors);
    }

    private static string Hint(DerivedRequest request) =>
        request.Suggestion is { } s ? $" (it would need {s})" : "";

    private static List<string> Matching(Core.Mandates.Scope scope, DerivedRequest request)
    {
        var found = new List<string>();
        if (request.Kind is null || scope.IsEmpty)
        {
            return found;
        }

        foreach (var capability in scope.Capabilities)
        {
            if (capability.Kind == request.Kind && capability.Verb == request.Verb && request.Targets.Any(capability.Matches))
            {
                found.Add(capability.ToString());
            }
        }

        return found;
    }

    private static PolicySource Source(PolicyBundle bundle, string id) =>
        bundle.TryGetSource(id, out var source) ? source : new PolicySource(id, "?", 0, Effect.Forbid, null, null);

    private static RecordValue Session(ToolContext context) => RecordValue.Create(
    [
        new("id", new StringValue(context.SessionId)),
        new("dialect", new StringValue(context.Dialect)),
        new("tool", new StringValue(context.ToolName)),
        new("tool_use_id", new StringValue(context.ToolUseId)),
        new("cwd", new StringValue(context.Cwd)),
        new("project", new StringValue(context.Project)),
    ]);
}
