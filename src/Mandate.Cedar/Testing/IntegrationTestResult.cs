namespace Mandate.Cedar.Testing;

/// <summary>The outcome of running one integration test.</summary>
public sealed record IntegrationTestResult(
    IntegrationTest Test,
    IReadOnlyList<RequestOutcome> Requests,
    string? LoadError,
    ValidationOutcome Validation,
    IReadOnlyList<string> ValidationErrors)
{
    public bool Passed => LoadError is null && Validation != ValidationOutcome.Mismatched && Requests.All(r => r.Passed);
}
