namespace Mandate.Cedar;

/// <summary>
/// The answer to a request: the decision, the policies that determined it (satisfied forbids on a deny,
/// satisfied permits on an allow) and the policies that failed to evaluate.
/// </summary>
public sealed record Response(Decision Decision, IReadOnlyList<string> Reasons, IReadOnlyList<AuthorizationError> Errors)
{
    public bool IsAllowed => Decision == Decision.Allow;
}
