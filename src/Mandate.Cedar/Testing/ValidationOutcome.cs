namespace Mandate.Cedar.Testing;

public enum ValidationOutcome
{
    /// <summary>No schema support was given, so <c>shouldValidate</c> was not checked.</summary>
    NotChecked,
    Matched,
    Mismatched,
}
