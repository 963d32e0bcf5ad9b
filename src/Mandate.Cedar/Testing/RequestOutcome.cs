namespace Mandate.Cedar.Testing;

/// <summary>What the engine answered for one request, against what was expected.</summary>
public sealed record RequestOutcome(IntegrationTestRequest Request, Response? Actual, string? Failure)
{
    /// <summary>Decision equal, reasons and erroring policy ids equal as sets.</summary>
    public bool Passed => Failure is null && Actual is not null
        && Actual.Decision == Request.ExpectedDecision
        && SameSet(Actual.Reasons, Request.ExpectedReasons)
        && SameSet(Actual.Errors.Select(e => e.PolicyId), Request.ExpectedErrors);

    public string Describe()
    {
        var expected = $"{Request.ExpectedDecision} reasons=[{string.Join(",", Request.ExpectedReasons)}] errors=[{string.Join(",", Request.ExpectedErrors)}]";
        if (Actual is null)
        {
            return $"expected {expected}; failed: {Failure}";
        }

        var errors = string.Join("; ", Actual.Errors.Select(e => e.PolicyId + ": " + e.Message));
        return $"expected {expected}; got {Actual.Decision} reasons=[{string.Join(",", Actual.Reasons)}] errors=[{errors}]";
    }

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) =>
        new HashSet<string>(a, StringComparer.Ordinal).SetEquals(b);
}
