namespace Mandate.Cedar.Evaluation;

/// <summary>The request being evaluated, the entity store, and the last error.</summary>
internal sealed class EvaluationContext(Request request, Entities entities)
{
    public EntityUid Principal { get; } = request.Principal;

    public EntityUid Action { get; } = request.Action;

    public EntityUid Resource { get; } = request.Resource;

    public RecordValue Context { get; } = request.Context;

    public Entities Entities { get; } = entities;

    /// <summary>Set when an evaluation returns null.</summary>
    public string? Error { get; private set; }

    public CedarValue? Fail(string message)
    {
        Error = message;
        return null;
    }

    public CedarValue? TypeError(string expected, CedarValue actual) =>
        Fail("type error: expected " + expected + ", got " + actual.TypeName);

    public void ClearError() => Error = null;
}
