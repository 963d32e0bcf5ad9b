namespace Mandate.Cedar.Validation;

/// <summary>Every validation error (the policies are valid when there are none) and warning.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationError> Errors, IReadOnlyList<ValidationError> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
