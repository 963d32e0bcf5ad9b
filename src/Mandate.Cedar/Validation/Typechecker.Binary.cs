using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

internal sealed partial class Typechecker
{
    private TypeAnswer CheckBinary(BinaryExpr node, Capabilities prior)
    {
        switch (node.Op)
        {
            case BinaryOp.Equal:
                return CheckEquality(node, prior);
            case BinaryOp.NotEqual:
                var eq = CheckEquality(node, prior);
                return eq.Type is null ? TypeAnswer.Fail(CedarType.Bool) : new TypeAnswer(Negate(eq.Type), eq.Ok);
            case BinaryOp.Less or BinaryOp.LessOrEqual:
                return CheckComparison(node.Left, node.Right, node, prior);
            case BinaryOp.Greater or BinaryOp.GreaterOrEqual:
                // Cedar reads `a > b` as `b < a`.
                return CheckComparison(node.Right, node.Left, node, prior);
            case BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply:
                var l = Expect(node.Left, CedarType.Long, prior);
                var r = Expect(node.Right, CedarType.Long, prior);
                return new TypeAnswer(CedarType.Long, l.Ok && r.Ok);
            case BinaryOp.In:
                return CheckIn(node.Left, node.Right, prior);
            case BinaryOp.Contains:
                var set = Expect(node.Left, CedarType.AnySet, prior);
                var element = Check(node.Right, prior);
                var containsOk = StrictlyCompatible(set.Type?.Element, element.Type, "`contains`", node);
                return new TypeAnswer(CedarType.Bool, set.Ok && element.Ok && containsOk);
            case BinaryOp.ContainsAll or BinaryOp.ContainsAny:
                var a = Expect(node.Left, CedarType.AnySet, prior);
                var b = Expect(node.Right, CedarType.AnySet, prior);
                var compatible = StrictlyCompatible(a.Type, b.Type, node.Op == BinaryOp.ContainsAll ? "`containsAll`" : "`containsAny`", node);
                return new TypeAnswer(CedarType.Bool, a.Ok && b.Ok && compatible);
            case BinaryOp.HasTag:
                return CheckHasTag(node, prior);
            default:
                return CheckGetTag(node, prior);
        }
    }

    private TypeAnswer CheckEquality(BinaryExpr node, Capabilities prior)
    {
        var (leftExpr, rightExpr) = (node.Left, node.Right);
        var left = Check(leftExpr, prior);
        var right = Check(rightExpr, prior);
        var type = TypeOfEquality(leftExpr, left.Type, rightExpr, right.Type);
        var ok = left.Ok && right.Ok;
        if (type.Kind == CedarTypeKind.Bool)
        {
            ok &= StrictlyCompatible(left.Type, right.Type, "`==`", node);
        }

        return new TypeAnswer(type, ok);
    }

    /// <summary>In strict mode both sides of <c>==</c>, <c>contains</c> and friends need a least upper bound.</summary>
    private bool StrictlyCompatible(CedarType? left, CedarType? right, string what, Expr at)
    {
        if (left is null || right is null)
        {
            return true;
        }

        if (TypeRelations.LeastUpperBound(left, right, out var hint) is null)
        {
            Report("the types " + left + " and " + right + " of " + what + " are not compatible" + (hint is null ? string.Empty : ": " + hint), at);
            return false;
        }

        return true;
    }

    private CedarType TypeOfEquality(Expr leftExpr, CedarType? left, Expr rightExpr, CedarType? right)
    {
        if (left is not null && right is not null && TypeRelations.AreDisjoint(left, right))
        {
            return CedarType.False;
        }

        if (LiteralValue(leftExpr) is { } a && LiteralValue(rightExpr) is { } b)
        {
            return CedarType.Singleton(a.Equals(b));
        }

        return CedarType.Bool;
    }

    /// <summary>The value of a literal, with the <c>action</c> variable standing for the environment's action.</summary>
    private CedarValue? LiteralValue(Expr e) => e switch
    {
        LiteralExpr literal => literal.Value,
        VariableExpr { Variable: Variable.Action } => env.Action,
        _ => null,
    };

    private TypeAnswer CheckComparison(Expr first, Expr second, Expr at, Capabilities prior)
    {
        var a = Check(first, prior);
        var b = Check(second, prior);
        var ok = a.Ok && b.Ok;
        var t1 = a.Type;
        var t2 = b.Type;
        if (t1 is null || t2 is null || (t1.Kind == CedarTypeKind.Never && t2.Kind == CedarTypeKind.Never))
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        const string ComparableTypes = "Long, datetime or duration";
        string? error = null;
        if (t1.Kind == CedarTypeKind.Never)
        {
            error = Comparable(t2) ? null : "expected " + ComparableTypes + " but saw " + t2;
        }
        else if (t2.Kind == CedarTypeKind.Never)
        {
            error = Comparable(t1) ? null : "expected " + ComparableTypes + " but saw " + t1;
        }
        else if (t1.Equals(t2) && Comparable(t1))
        {
            error = null;
        }
        else if (t1.Kind == CedarTypeKind.Long || Comparable(t1))
        {
            error = "expected " + t1 + " but saw " + t2;
        }
        else
        {
            error = Comparable(t2) ? "expected " + t2 + " but saw " + t1 : "expected " + ComparableTypes + " but saw " + t1 + " and " + t2;
        }

        if (error is not null)
        {
            Report("unexpected type in a comparison: " + error, at);
            return TypeAnswer.Fail(CedarType.Bool);
        }

        return new TypeAnswer(CedarType.Bool, ok);
    }

    private static bool Comparable(CedarType type) =>
        type.Kind == CedarTypeKind.Long || (type.Kind == CedarTypeKind.Extension && type.Name is "datetime" or "duration");

    private TypeAnswer CheckIn(Expr lhs, Expr rhs, Capabilities prior)
    {
        var left = Expect(lhs, CedarType.AnyEntity, prior);
        var right = ExpectOneOf(rhs, [CedarType.SetOf(CedarType.AnyEntity), CedarType.AnyEntity], prior);
        if (!left.Ok || !right.Ok)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        if (LiteralValue(lhs) is EntityUid { IsAction: true } action && LiteralUids(rhs) is { } targets)
        {
            var actions = targets.Where(t => t.IsAction).ToList();
            if (actions.Count == 0)
            {
                return TypeAnswer.Success(CedarType.False);
            }

            return schema.ActionsIn(actions) is { } members
                ? TypeAnswer.Success(CedarType.Singleton(members.Contains(action)))
                : TypeAnswer.Fail(CedarType.Bool);
        }

        var lhsType = left.Type!.Kind == CedarTypeKind.Entity ? left.Type.Name : null;
        var rhsType = right.Type!.Kind switch
        {
            CedarTypeKind.Entity => right.Type.Name,
            CedarTypeKind.Set when right.Type.Element?.Kind == CedarTypeKind.Entity => right.Type.Element.Name,
            _ => null,
        };
        if (lhsType is not null && rhsType is not null && !schema.MayBeIn(lhsType, rhsType) && !ActionMayBeIn(lhsType, rhsType))
        {
            return TypeAnswer.Success(CedarType.False);
        }

        return TypeAnswer.Success(CedarType.Bool);
    }

    /// <summary>An action of type <paramref name="lhs"/> may be in an entity of type <paramref name="rhs"/> through the action hierarchy.</summary>
    private bool ActionMayBeIn(string lhs, string rhs) =>
        string.Equals(lhs, rhs, StringComparison.Ordinal)
        || schema.Actions.Values.Any(a => string.Equals(a.Uid.Type, rhs, StringComparison.Ordinal)
            && a.DescendantSet.Any(d => string.Equals(d.Type, lhs, StringComparison.Ordinal)));

    private List<EntityUid>? LiteralUids(Expr e)
    {
        if (LiteralValue(e) is EntityUid uid)
        {
            return [uid];
        }

        if (e is not SetExpr set)
        {
            return null;
        }

        var list = new List<EntityUid>();
        foreach (var item in set.Items)
        {
            if (LiteralValue(item) is not EntityUid element)
            {
                return null;
            }

            list.Add(element);
        }

        return list;
    }

    private TypeAnswer CheckHasTag(BinaryExpr node, Capabilities prior)
    {
        var entity = Expect(node.Left, CedarType.AnyEntity, prior);
        var key = Expect(node.Right, CedarType.String, prior);
        if (entity.Type is null || key.Type is null)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        var fact = TagFact(node.Left, node.Right);
        var type = TagTypes(entity.Type).Count == 0 ? CedarType.False : prior.Contains(fact) ? CedarType.True : CedarType.Bool;
        return new TypeAnswer(type, entity.Ok && key.Ok, Capabilities.Of(fact));
    }

    private TypeAnswer CheckGetTag(BinaryExpr node, Capabilities prior)
    {
        var entity = Expect(node.Left, CedarType.AnyEntity, prior);
        var key = Expect(node.Right, CedarType.String, prior);
        if (entity.Type is null || key.Type is null)
        {
            return TypeAnswer.Fail();
        }

        if (!prior.Contains(TagFact(node.Left, node.Right)))
        {
            Report("unsafe tag access: `" + Key(node.Left) + "` may not have the tag `" + Key(node.Right) + "`; check it with `hasTag` first", node);
            return TypeAnswer.Fail();
        }

        var tagTypes = TagTypes(entity.Type);
        if (tagTypes.Count == 0)
        {
            Report("`" + Key(node.Left) + "` has type " + entity.Type + ", which has no tags", node);
            return TypeAnswer.Fail();
        }

        var lub = UpperBoundOrError([.. tagTypes], "the tags", node);
        return lub is null ? TypeAnswer.Fail() : new TypeAnswer(lub, entity.Ok && key.Ok);
    }

    private List<CedarType> TagTypes(CedarType entity)
    {
        var types = new List<CedarType>();
        IEnumerable<EntityTypeDefinition> candidates = entity.Kind == CedarTypeKind.Entity
            ? schema.TryGetEntityType(entity.Name!, out var one) ? [one] : []
            : schema.EntityTypes.Values;
        foreach (var candidate in candidates)
        {
            if (candidate.Tags is { } tags && !types.Contains(tags))
            {
                types.Add(tags);
            }
        }

        return types;
    }

    private string TagFact(Expr entity, Expr key) => "tag\u0001" + Key(entity) + "\u0001" + Key(key);

    private string AttributeFact(Expr target, string attribute) => "attr\u0001" + Key(target) + "\u0001" + attribute;
}
