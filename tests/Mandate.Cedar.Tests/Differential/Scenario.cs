namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// One generated scenario: a policy set (policy <c>i</c> is Cedar's <c>policy{i}</c>), an entity store (entities
/// JSON) and requests (request JSON) asked against both. Each request is one differential case.
/// </summary>
internal sealed record Scenario(ulong Seed, IReadOnlyList<string> PolicyTexts, string EntitiesJson, IReadOnlyList<string> Requests)
{
    public string Policies => string.Join('\n', PolicyTexts);
}
