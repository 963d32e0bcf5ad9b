using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar;

/// <summary>
/// Cedar's authorization: default deny; a satisfied forbid overrides any permit; a policy whose evaluation
/// errors is skipped and reported.
/// </summary>
public static class Authorizer
{
    [ThreadStatic]
    private static List<int>? _candidates;

    public static Response IsAuthorized(Request request, PolicySet policies, Entities entities)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(entities);
        var context = new EvaluationContext(request, entities);
        List<string>? permits = null;
        List<string>? forbids = null;
        List<AuthorizationError>? errors = null;
        var index = policies.Index;
        var candidates = _candidates ??= [];
        index.Candidates(request, entities, candidates);
        foreach (var i in candidates)
        {
            var policy = index[i];
            var result = policy.Evaluate(context);
            if (result is null)
            {
                (errors ??= []).Add(new AuthorizationError(policy.Id, context.Error ?? "evaluation error"));
                context.ClearError();
            }
            else if (result.Value)
            {
                if (policy.Effect == Effect.Permit)
                {
                    (permits ??= []).Add(policy.Id);
                }
                else
                {
                    (forbids ??= []).Add(policy.Id);
                }
            }
        }

        IReadOnlyList<AuthorizationError> errorList = errors is null ? [] : errors;
        if (forbids is not null)
        {
            return new Response(Decision.Deny, forbids, errorList);
        }

        return permits is not null
            ? new Response(Decision.Allow, permits, errorList)
            : new Response(Decision.Deny, [], errorList);
    }
}
