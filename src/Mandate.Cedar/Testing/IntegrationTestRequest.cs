namespace Mandate.Cedar.Testing;

/// <summary>One request of an integration test and the answer the reference implementation gave.</summary>
public sealed record IntegrationTestRequest(
    string Description,
    string RequestJson,
    bool ValidateRequest,
    Decision ExpectedDecision,
    IReadOnlyList<string> ExpectedReasons,
    IReadOnlyList<string> ExpectedErrors);
