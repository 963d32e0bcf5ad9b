using Mandate.Core.Mandates;

namespace Mandate.Agents.Decisions;

/// <summary>The mandate a decision is made under, or the built-in "no mandate" profile.</summary>
public sealed record DecisionProfile
{
    /// <summary>No mandate: reads inside the project are allowed, everything else is asked.</summary>
    public static DecisionProfile None { get; } = new() { HasMandate = false, Scope = Scope.Empty, Ask = Scope.Empty };

    public required bool HasMandate { get; init; }

    public required Scope Scope { get; init; }

    /// <summary>The mandate's <c>constraints.ask</c>: capabilities that need a human each time.</summary>
    public required Scope Ask { get; init; }

    public string Jti { get; init; } = "";

    public string Human { get; init; } = "";

    public string TaskId { get; init; } = "";

    public string Purpose { get; init; } = "";

    public static DecisionProfile From(MandateClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return new()
        {
            HasMandate = true,
            Scope = claims.Scope,
            Ask = claims.Constraints.Ask,
            Jti = claims.Jti,
            Human = claims.HumanEmail,
            TaskId = claims.Task.Id,
            Purpose = claims.Task.Purpose,
        };
    }
}
