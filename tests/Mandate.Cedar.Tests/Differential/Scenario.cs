using System.Globalization;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// One generated scenario: static policies (policy <c>i</c> is Cedar's <c>policy{i}</c>), templates after them
/// (ids continue the numbering) with their links, an entity store (entities JSON) and requests (request JSON)
/// asked against both engines. Each request is one differential case.
/// </summary>
internal sealed record Scenario(
    ulong Seed,
    IReadOnlyList<string> PolicyTexts,
    string EntitiesJson,
    IReadOnlyList<string> Requests,
    IReadOnlyList<string>? Templates = null,
    IReadOnlyList<TemplateLink>? Links = null)
{
    public IReadOnlyList<string> TemplateTexts => Templates ?? [];

    public IReadOnlyList<TemplateLink> TemplateLinks => Links ?? [];

    /// <summary>The static policies only (cedar-wasm takes templates separately).</summary>
    public string StaticPolicies => string.Join('\n', PolicyTexts);

    /// <summary>Static policies then templates, as one Cedar text (what Mandate parses).</summary>
    public string Policies => string.Join('\n', PolicyTexts.Concat(TemplateTexts));

    public string TemplateId(int template) => "policy" + (PolicyTexts.Count + template).ToString(CultureInfo.InvariantCulture);

    /// <summary>The text behind a policy id, for divergence reports (a link shows its template and slot values).</summary>
    public string TextOf(string id)
    {
        var link = TemplateLinks.FirstOrDefault(l => l.NewId == id);
        if (link is not null)
        {
            return $"// link of {link.TemplateId}: ?principal = {link.Principal}, ?resource = {link.Resource}\n" + TextOf(link.TemplateId);
        }

        var index = int.Parse(id.AsSpan("policy".Length), CultureInfo.InvariantCulture);
        return index < PolicyTexts.Count ? PolicyTexts[index] : TemplateTexts[index - PolicyTexts.Count];
    }

    /// <summary>Every policy id the scenario defines (static policies and links; templates are not evaluated).</summary>
    public IEnumerable<string> PolicyIds =>
        Enumerable.Range(0, PolicyTexts.Count).Select(i => "policy" + i.ToString(CultureInfo.InvariantCulture)).Concat(TemplateLinks.Select(l => l.NewId));
}
