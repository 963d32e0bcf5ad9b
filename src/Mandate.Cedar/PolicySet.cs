using System.Diagnostics.CodeAnalysis;
using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Parsing;

namespace Mandate.Cedar;

/// <summary>
/// A set of policies, templates and template links, compiled once for evaluation.
/// Policies without an <c>@id</c>-independent name get ids <c>policy0</c>, <c>policy1</c>, ... by position, as Cedar does.
/// </summary>
public sealed partial class PolicySet
{
    private readonly List<Policy> _policies;
    private PolicyIndex? _index;

    private PolicySet(List<Policy> policies)
    {
        _policies = policies;
    }

    /// <summary>Every policy and template, followed by template links, in the order they were added.</summary>
    public IReadOnlyList<Policy> Policies => _policies;

    /// <summary>Policies that take part in authorization (static policies and template links).</summary>
    public IEnumerable<Policy> Active => _policies.Where(p => !p.IsTemplate);

    public IEnumerable<Policy> Templates => _policies.Where(p => p.IsTemplate);

    internal PolicyIndex Index => _index ??= new PolicyIndex([.. Active]);

    /// <summary>Parses Cedar policy text; throws <see cref="CedarParseException"/> listing every error.</summary>
    public static PolicySet Parse(string text)
    {
        if (!TryParse(text, out var set, out var errors))
        {
            throw new CedarParseException(errors);
        }

        return set;
    }

    /// <summary>Parses Cedar policy text, reporting every error found (one per malformed policy).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out PolicySet? policySet, out IReadOnlyList<CedarParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (policies, parseErrors) = Parser.ParsePolicies(text);
        errors = parseErrors;
        policySet = parseErrors.Count == 0 ? new PolicySet(policies) : null;
        return policySet is not null;
    }

    public static PolicySet FromPolicies(IEnumerable<Policy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var list = policies.ToList();
        var duplicate = list.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException("duplicate policy id `" + duplicate.Key + "`", nameof(policies));
        }

        return new PolicySet(list);
    }

    public bool TryGet(string id, [NotNullWhen(true)] out Policy? policy)
    {
        policy = _policies.Find(p => string.Equals(p.Id, id, StringComparison.Ordinal));
        return policy is not null;
    }

    /// <summary>
    /// A new policy set with the template <paramref name="templateId"/> linked under <paramref name="newId"/>,
    /// its <c>?principal</c> and <c>?resource</c> slots filled with the given entities.
    /// </summary>
    public PolicySet Link(string templateId, string newId, EntityUid? principal = null, EntityUid? resource = null)
    {
        if (!TryGet(templateId, out var template) || !template.IsTemplate)
        {
            throw new ArgumentException("no template with id `" + templateId + "`", nameof(templateId));
        }

        if (TryGet(newId, out _))
        {
            throw new ArgumentException("a policy with id `" + newId + "` already exists", nameof(newId));
        }

        if (template.Principal.IsSlot != (principal is not null) || template.Resource.IsSlot != (resource is not null))
        {
            throw new ArgumentException("the link must fill exactly the slots the template has (?principal, ?resource)");
        }

        return new PolicySet([.. _policies, template.Link(newId, principal, resource)]);
    }
}
