namespace Mandate.Cedar.Tests.Differential;

/// <summary>Mandate.Cedar's answers to a scenario, in the same shape as the oracle's.</summary>
internal static class MandateEngine
{
    public static IReadOnlyList<Answer> Ask(Scenario scenario)
    {
        if (!PolicySet.TryParse(scenario.Policies, out var policies, out var parseErrors))
        {
            var refused = Answer.Refused("parse: " + string.Join("; ", parseErrors));
            return [.. scenario.Requests.Select(_ => refused)];
        }

        foreach (var link in scenario.TemplateLinks)
        {
            policies = policies.Link(
                link.TemplateId,
                link.NewId,
                link.Principal is { } p ? new EntityUid(p.Type, p.Id) : null,
                link.Resource is { } r ? new EntityUid(r.Type, r.Id) : null);
        }

        Entities entities;
        try
        {
            entities = Entities.FromJson(scenario.EntitiesJson);
        }
        catch (CedarJsonException e)
        {
            var refused = Answer.Refused("entities: " + e.Message);
            return [.. scenario.Requests.Select(_ => refused)];
        }

        return [.. scenario.Requests.Select(r => Ask(r, policies, entities))];
    }

    private static Answer Ask(string requestJson, PolicySet policies, Entities entities)
    {
        Request request;
        try
        {
            request = Request.FromJson(requestJson);
        }
        catch (CedarJsonException e)
        {
            return Answer.Refused("request: " + e.Message);
        }

        return Answer.From(Authorizer.IsAuthorized(request, policies, entities));
    }
}
