namespace Mandate.Cedar.Evaluation;

internal enum ScopeKind
{
    /// <summary>No constraint: <c>principal</c>.</summary>
    Any,

    /// <summary><c>principal == E</c> (or <c>== ?principal</c>).</summary>
    Equal,

    /// <summary><c>principal in E</c>, or for actions <c>action in [A, B]</c>.</summary>
    In,

    /// <summary><c>principal is T</c>.</summary>
    Is,

    /// <summary><c>principal is T in E</c>.</summary>
    IsIn,
}
