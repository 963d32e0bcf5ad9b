using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar;

/// <summary>A parsed policy, template, or template-linked policy.</summary>
public sealed class Policy
{
    internal Policy(
        string id,
        Effect effect,
        IReadOnlyDictionary<string, string> annotations,
        ScopeConstraint principal,
        ScopeConstraint action,
        ScopeConstraint resource,
        Condition[] conditions,
        string? templateId = null,
        EntityUid? linkedPrincipal = null,
        EntityUid? linkedResource = null)
    {
        LinkedPrincipal = linkedPrincipal;
        LinkedResource = linkedResource;
        Id = id;
        Effect = effect;
        Annotations = annotations;
        Principal = principal;
        Action = action;
        Resource = resource;
        Conditions = conditions;
        TemplateId = templateId;
    }

    internal static readonly IReadOnlySet<string> NoAnnotations = new HashSet<string>(StringComparer.Ordinal);

    public string Id { get; }

    /// <summary>The 1-based line where the policy starts in the text it was parsed from (its first annotation); 0 when it came from JSON.</summary>
    public int Line { get; internal init; }

    public Effect Effect { get; }

    /// <summary>Annotations such as <c>@id("..")</c>; an annotation without a value maps to the empty string.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>
    /// The annotations written without a value (<c>@advice</c>, not <c>@advice("")</c>): Cedar keeps the difference,
    /// in its JSON format (<c>null</c>, not <c>""</c>) and when it formats a policy.
    /// </summary>
    internal IReadOnlySet<string> ValuelessAnnotations { get; init; } = NoAnnotations;

    /// <summary>True for a template (it has a <c>?principal</c> or <c>?resource</c> slot and is not itself evaluated).</summary>
    public bool IsTemplate => Principal.IsSlot || Resource.IsSlot;

    /// <summary>For a template-linked policy, the template it was linked from.</summary>
    public string? TemplateId { get; }

    /// <summary>For a template-linked policy, the entity that fills <c>?principal</c>.</summary>
    public EntityUid? LinkedPrincipal { get; }

    /// <summary>For a template-linked policy, the entity that fills <c>?resource</c>.</summary>
    public EntityUid? LinkedResource { get; }

    internal ScopeConstraint Principal { get; }

    internal ScopeConstraint Action { get; }

    internal ScopeConstraint Resource { get; }

    internal Condition[] Conditions { get; }

    /// <summary>The same policy under another id, e.g. to merge policies from several files into one set.</summary>
    public Policy WithId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new(id, Effect, Annotations, Principal, Action, Resource, Conditions, TemplateId, LinkedPrincipal, LinkedResource) { Line = Line, ValuelessAnnotations = ValuelessAnnotations };
    }

    /// <summary>Links a template: fills its slots and gives the result its own id.</summary>
    internal Policy Link(string newId, EntityUid? principal, EntityUid? resource) =>
        new(
            newId,
            Effect,
            Annotations,
            principal is null ? Principal : Principal.Link(principal),
            Action,
            resource is null ? Resource : Resource.Link(resource),
            Conditions,
            Id,
            principal,
            resource)
        { ValuelessAnnotations = ValuelessAnnotations };

    /// <summary>
    /// True when the policy applies to the request, false when it does not, and null on an evaluation error
    /// (the message is then in <see cref="EvaluationContext.Error"/>).
    /// </summary>
    internal bool? Evaluate(EvaluationContext context)
    {
        if (!Principal.Matches(context.Principal, context.Entities)
            || !Action.Matches(context.Action, context.Entities)
            || !Resource.Matches(context.Resource, context.Entities))
        {
            return false;
        }

        foreach (var condition in Conditions)
        {
            var value = condition.Body.Evaluate(context);
            if (value is null)
            {
                return null;
            }

            if (value is not BoolValue b)
            {
                context.TypeError("Bool", value);
                return null;
            }

            if (b.Value != condition.IsWhen)
            {
                return false;
            }
        }

        return true;
    }
}
