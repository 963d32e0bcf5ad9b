using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

/// <summary>Validates one policy, template or template link against a schema.</summary>
internal sealed partial class PolicyValidator(CedarSchema schema, Policy policy)
{
    private readonly List<Finding> _errors = [];
    private readonly HashSet<Finding> _seen = [];

    /// <summary>
    /// The errors; the warning that the policy applies to no action (an error before Cedar 4.13), if any; and
    /// whether the policy is false in every request environment (it can never apply).
    /// </summary>
    public (List<Finding> Errors, string? NoApplicableAction, bool Impossible) Validate()
    {
        if (policy.TemplateId is not null)
        {
            foreach (var linked in (EntityUid?[])[policy.LinkedPrincipal, policy.LinkedResource])
            {
                if (linked is not null && !schema.IsKnownEntityType(linked.Type))
                {
                    Add(new Finding("unrecognized entity type `" + linked.Type + "` in a template link", null, null));
                }
            }

            return (_errors, ActionApplicationProblem(), false);
        }

        var uids = new List<(EntityUid Uid, Expr? At)>();
        var types = new List<(string Type, Expr? At)>();
        CollectScope(policy.Principal, uids, types);
        CollectScope(policy.Action, uids, types);
        CollectScope(policy.Resource, uids, types);
        foreach (var condition in policy.Conditions)
        {
            Collect(condition.Body, uids, types);
        }

        foreach (var (type, at) in types)
        {
            if (!schema.IsKnownEntityType(type))
            {
                Add(new Finding("unrecognized entity type `" + type + "`", type[(type.LastIndexOf(':') + 1)..], at));
            }
        }

        foreach (var (uid, at) in uids)
        {
            if (uid.IsAction)
            {
                if (!schema.TryGetAction(uid, out _))
                {
                    Add(new Finding("unrecognized action `" + uid + "`", uid.Id, at));
                }
            }
            else if (schema.TryGetEntityType(uid.Type, out var definition) && definition.EnumChoices is { } choices && !choices.Contains(uid.Id, StringComparer.Ordinal))
            {
                Add(new Finding("`" + uid + "` is not one of the values of the enumerated entity type `" + uid.Type + "`", uid.Id, at));
            }
        }

        var problem = ActionApplicationProblem();
        var impossible = Typecheck();
        return (_errors, problem, impossible);
    }

    /// <summary>Typechecks in every environment; true when the policy is false in all of them.</summary>
    private bool Typecheck()
    {
        var allFalse = true;
        var condition = Condition();
        foreach (var action in schema.Actions.Values)
        {
            foreach (var principal in action.Principals)
            {
                foreach (var resource in action.Resources)
                {
                    foreach (var principalSlot in SlotLinks(policy.Principal, principal))
                    {
                        foreach (var resourceSlot in SlotLinks(policy.Resource, resource))
                        {
                            var env = new RequestEnvironment(principal, action.Uid, resource, action.Context, principalSlot, resourceSlot);
                            var checker = new Typechecker(schema, env);
                            var answer = checker.CheckCondition(condition);
                            allFalse &= answer.Type?.Kind == CedarTypeKind.False;
                            foreach (var error in checker.Errors)
                            {
                                Add(error);
                            }
                        }
                    }
                }
            }
        }

        return allFalse;
    }

    /// <summary>The entity types a template slot may be linked to, given the scope and the variable's type.</summary>
    private IEnumerable<string?> SlotLinks(ScopeConstraint scope, string variableType)
    {
        if (!scope.IsSlot)
        {
            return [null];
        }

        if (scope.Kind == ScopeKind.Equal)
        {
            return [variableType];
        }

        return schema.EntityTypes.Values.Where(t => t.DescendantSet.Contains(variableType)).Select(t => (string?)t.Name).Append(variableType);
    }

    /// <summary>The policy as one boolean expression, the way Cedar builds it: principal &amp;&amp; (action &amp;&amp; (resource &amp;&amp; conditions)).</summary>
    private Expr Condition()
    {
        Expr? body = null;
        for (var i = policy.Conditions.Length - 1; i >= 0; i--)
        {
            var c = policy.Conditions[i];
            Expr e = c.IsWhen ? c.Body : new UnaryExpr(UnaryOp.Not, c.Body);
            body = body is null ? e : new AndExpr(e, body);
        }

        body ??= new LiteralExpr(BoolValue.True);
        var resource = ScopeExpr(policy.Resource, Variable.Resource, isPrincipal: false);
        var action = ActionScopeExpr(policy.Action);
        var principal = ScopeExpr(policy.Principal, Variable.Principal, isPrincipal: true);
        return new AndExpr(principal, new AndExpr(action, new AndExpr(resource, body)));
    }

    private static Expr ScopeExpr(ScopeConstraint scope, Variable variable, bool isPrincipal)
    {
        var v = new VariableExpr(variable);
        Expr Target() => scope.IsSlot ? new SlotExpr(isPrincipal) : new LiteralExpr(scope.Entities[0]);
        return scope.Kind switch
        {
            ScopeKind.Equal => new BinaryExpr(BinaryOp.Equal, v, Target()),
            ScopeKind.In => new BinaryExpr(BinaryOp.In, v, Target()),
            ScopeKind.Is => new IsExpr(v, scope.EntityType!, null),
            ScopeKind.IsIn => new IsExpr(v, scope.EntityType!, Target()),
            _ => new LiteralExpr(BoolValue.True),
        };
    }

    private static Expr ActionScopeExpr(ScopeConstraint scope)
    {
        var v = new VariableExpr(Variable.Action);
        return scope.Kind switch
        {
            ScopeKind.Equal => new BinaryExpr(BinaryOp.Equal, v, new LiteralExpr(scope.Entities[0])),
            ScopeKind.In => new BinaryExpr(BinaryOp.In, v, new SetExpr([.. scope.Entities.Select(e => (Expr)new LiteralExpr(e))])),
            _ => new LiteralExpr(BoolValue.True),
        };
    }

    /// <summary>Adds an error once: the same message at the same place comes from every request environment.</summary>
    private void Add(Finding finding)
    {
        if (_seen.Add(finding))
        {
            _errors.Add(finding);
        }
    }
}
