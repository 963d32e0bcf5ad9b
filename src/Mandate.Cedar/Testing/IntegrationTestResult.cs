namespace Mandate.Cedar.Testing;

/// <summary>The outcome of running one integration test.</summary>
public sealed record IntegrationTestResult(
    IntegrationTest Test,
    IReadOnlyList<RequestOutcome> Requests,
    string? LoadError,
    ValidationOutcome Validation,
    IReadOnlyList<string> ValidationErrors)
{
    /// <summary>Where the test's policies, entities and schema were found (as far as they were).</summary>
    public IntegrationTestFiles Files { get; init; } = IntegrationTestFiles.None;

    public bool Passed => LoadError is null && Validation != ValidationOutcome.Mismatched && Requests.All(r => r.Passed);
}
