using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

/// <summary>
/// Cedar's strict-mode policy validation against a schema, following Cedar 4.13: unknown entity types, actions
/// and enumerated ids are errors; every policy is typechecked in every request environment the schema allows
/// (principal type × action × resource type); a policy that cannot apply to any of them is a warning, as in
/// Cedar 4.13 (4.10 reported it as an error). Every error of every policy is reported.
/// </summary>
public static class Validator
{
    public static ValidationResult Validate(PolicySet policies, CedarSchema schema) => Validate(policies, schema, null);

    /// <summary>
    /// Validates <paramref name="policies"/>; when <paramref name="policyText"/> (the text they were parsed from)
    /// is given, errors carry a line and column: where the expression an error is about starts, else where the name
    /// it is about is written in the scope, else where its policy starts.
    /// </summary>
    public static ValidationResult Validate(PolicySet policies, CedarSchema schema, string? policyText) =>
        Validate(policies, schema, policyText, actionApplicationIsError: false);

    /// <summary>
    /// <paramref name="actionApplicationIsError"/> reproduces Cedar 4.10 and earlier, where a policy whose scope
    /// matches no action's <c>appliesTo</c> was an error rather than a warning.
    /// </summary>
    internal static ValidationResult Validate(PolicySet policies, CedarSchema schema, string? policyText, bool actionApplicationIsError)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(schema);
        var spans = policyText is null ? [] : PolicyPositions.Locate(policyText);
        var errors = new List<ValidationError>();
        var warnings = new List<ValidationError>();
        var index = 0;
        foreach (var policy in policies.Policies)
        {
            var span = policy.TemplateId is null && index < spans.Count ? spans[index] : null;
            if (policy.TemplateId is null)
            {
                index++;
            }

            var (policyErrors, noApplicableAction, impossible) = new PolicyValidator(schema, policy).Validate();
            foreach (var error in policyErrors)
            {
                var (line, column) = error.Line > 0 && span is not null ? (error.Line, error.Column) : PolicyPositions.Find(span, error.Anchor);
                errors.Add(new ValidationError(policy.Id, error.Message, line, column));
            }

            var (policyLine, policyColumn) = PolicyPositions.Find(span, null);
            if (noApplicableAction is not null)
            {
                (actionApplicationIsError ? errors : warnings).Add(new ValidationError(policy.Id, noApplicableAction, policyLine, policyColumn));
            }

            if (impossible && policyErrors.Count == 0)
            {
                warnings.Add(new ValidationError(policy.Id, "policy is impossible: it is false for every request the schema allows", policyLine, policyColumn));
            }
        }

        return new ValidationResult(errors, warnings);
    }
}
