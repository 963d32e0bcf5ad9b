using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar.Validation;

internal sealed partial class PolicyValidator
{
    /// <summary>
    /// Cedar's action-application check: some action the scope allows must apply to some principal type and some
    /// resource type the scope allows. Returns the problem, or null.
    /// </summary>
    private string? ActionApplicationProblem()
    {
        var principals = ScopeTypes(policy.Principal, policy.LinkedPrincipal);
        var resources = ScopeTypes(policy.Resource, policy.LinkedResource);
        foreach (var action in ScopeActions())
        {
            if (schema.TryGetAction(action, out var definition)
                && definition.Principals.Any(principals.Contains)
                && definition.Resources.Any(resources.Contains))
            {
                return null;
            }
        }

        return "unable to find an applicable action given the policy scope constraints";
    }

    private IEnumerable<EntityUid> ScopeActions() => policy.Action.Kind switch
    {
        ScopeKind.Equal => policy.Action.Entities,
        ScopeKind.In => (IEnumerable<EntityUid>?)schema.ActionsIn(policy.Action.Entities) ?? [],
        _ => schema.Actions.Keys,
    };

    private HashSet<string> ScopeTypes(ScopeConstraint scope, EntityUid? linked)
    {
        var target = scope.IsSlot ? linked : scope.Entities.Length > 0 ? scope.Entities[0] : null;
        var all = new HashSet<string>(schema.EntityTypes.Keys, StringComparer.Ordinal);
        switch (scope.Kind)
        {
            case ScopeKind.Equal when target is not null:
                return new HashSet<string>(StringComparer.Ordinal) { target.Type };
            case ScopeKind.In when target is not null:
                return TypesIn(target.Type);
            case ScopeKind.Is:
            case ScopeKind.IsIn when target is null:
                return schema.TryGetEntityType(scope.EntityType!, out _) ? new HashSet<string>(StringComparer.Ordinal) { scope.EntityType! } : [];
            case ScopeKind.IsIn:
                var types = TypesIn(target!.Type);
                types.IntersectWith([scope.EntityType!]);
                return types;
            default:
                return all;
        }
    }

    private HashSet<string> TypesIn(string type)
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { type };
        if (schema.TryGetEntityType(type, out var definition))
        {
            set.UnionWith(definition.DescendantSet);
        }

        return set;
    }

    /// <summary>The entities and types a scope names; they have no parsed position, so errors find them by name.</summary>
    private static void CollectScope(ScopeConstraint scope, List<(EntityUid, Expr?)> uids, List<(string, Expr?)> types)
    {
        foreach (var uid in scope.Entities)
        {
            uids.Add((uid, null));
            types.Add((uid.Type, null));
        }

        if (scope.EntityType is not null)
        {
            types.Add((scope.EntityType, null));
        }
    }

    /// <summary>
    /// Every entity literal (with its node, for its position) and every type named by <c>is</c> (found by name: the
    /// node's position is where its left operand starts, not where the type is written) in an expression.
    /// </summary>
    private static void Collect(Expr e, List<(EntityUid, Expr?)> uids, List<(string, Expr?)> types)
    {
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case LiteralExpr { Value: EntityUid uid } literal:
                    uids.Add((uid, literal));
                    types.Add((uid.Type, literal));
                    break;
                case UnaryExpr n:
                    stack.Push(n.Operand);
                    break;
                case BinaryExpr n:
                    stack.Push(n.Right);
                    stack.Push(n.Left);
                    break;
                case AndExpr n:
                    stack.Push(n.Right);
                    stack.Push(n.Left);
                    break;
                case OrExpr n:
                    stack.Push(n.Right);
                    stack.Push(n.Left);
                    break;
                case IfExpr n:
                    stack.Push(n.Else);
                    stack.Push(n.Then);
                    stack.Push(n.Condition);
                    break;
                case GetAttrExpr n:
                    stack.Push(n.Target);
                    break;
                case HasAttrExpr n:
                    stack.Push(n.Target);
                    break;
                case LikeExpr n:
                    stack.Push(n.Target);
                    break;
                case IsExpr n:
                    types.Add((n.EntityType, null));
                    if (n.InExpr is not null)
                    {
                        stack.Push(n.InExpr);
                    }

                    stack.Push(n.Target);
                    break;
                case SetExpr n:
                    foreach (var item in n.Items)
                    {
                        stack.Push(item);
                    }

                    break;
                case RecordExpr n:
                    foreach (var value in n.Values)
                    {
                        stack.Push(value);
                    }

                    break;
                case ExtensionCallExpr n:
                    foreach (var arg in n.Args)
                    {
                        stack.Push(arg);
                    }

                    break;
            }
        }
    }
}
