using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

internal sealed partial class Typechecker
{
    private static readonly CedarType[] EntityOrRecord = [CedarType.AnyEntity, CedarType.AnyRecord];

    private TypeAnswer CheckGetAttr(GetAttrExpr node, Capabilities prior)
    {
        var target = ExpectOneOf(node.Target, EntityOrRecord, prior);
        if (target.Type is null)
        {
            return TypeAnswer.Fail();
        }

        if (LookupAttribute(target.Type, node.Attribute) is { } attribute)
        {
            if (attribute.IsRequired || prior.Contains(AttributeFact(node.Target, node.Attribute)))
            {
                return new TypeAnswer(attribute.Type, target.Ok);
            }

            Report("unsafe access to optional attribute `" + node.Attribute + "` of `" + Key(node.Target) + "`; guard it with `has`", node);
            return TypeAnswer.Fail(attribute.Type);
        }

        Report("attribute `" + node.Attribute + "` not found on `" + Key(node.Target) + "` of type " + target.Type, node);
        return TypeAnswer.Fail();
    }

    private TypeAnswer CheckHas(HasAttrExpr node, Capabilities prior)
    {
        if (node.Path.Count == 1)
        {
            return CheckHasOne(node.Target, node.Path[0], prior);
        }

        // `e has a.b` means `e has a && e.a has b`.
        Expr target = node.Target;
        // The rewritten nodes keep the position of the `has` they stand for, so their errors point at it.
        Expr chain = Expr.At(new HasAttrExpr(target, [node.Path[0]]), node);
        for (var i = 1; i < node.Path.Count; i++)
        {
            target = Expr.At(new GetAttrExpr(target, node.Path[i - 1]), node);
            chain = Expr.At(new AndExpr(chain, Expr.At(new HasAttrExpr(target, [node.Path[i]]), node)), node);
        }

        return Check(chain, prior);
    }

    private TypeAnswer CheckHasOne(Expr targetExpr, string name, Capabilities prior)
    {
        var target = ExpectOneOf(targetExpr, EntityOrRecord, prior);
        if (target.Type is null)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        var fact = AttributeFact(targetExpr, name);
        if (LookupAttribute(target.Type, name) is { } attribute)
        {
            // An entity may be missing from the store, so `has` on a required entity attribute is only known true for records.
            var known = prior.Contains(fact) || (attribute.IsRequired && target.Type.Kind == CedarTypeKind.Record);
            return new TypeAnswer(known ? CedarType.True : CedarType.Bool, target.Ok, Capabilities.Of(fact));
        }

        return new TypeAnswer(MayHaveAttribute(target.Type, name) ? CedarType.Bool : CedarType.False, target.Ok);
    }

    private AttributeType? LookupAttribute(CedarType type, string name)
    {
        switch (type.Kind)
        {
            case CedarTypeKind.Record:
                return type.Attributes.TryGetValue(name, out var attribute) ? attribute : null;
            case CedarTypeKind.Entity when !Schema.SchemaBuilder.IsActionType(type.Name!):
                return schema.TryGetEntityType(type.Name!, out var definition) && definition.Attributes.TryGetValue(name, out var a) ? a : null;
            default:
                return null;
        }
    }

    private bool MayHaveAttribute(CedarType type, string name) => type.Kind switch
    {
        CedarTypeKind.Never or CedarTypeKind.AnyEntity => true,
        CedarTypeKind.Entity when Schema.SchemaBuilder.IsActionType(type.Name!) => false,
        CedarTypeKind.Entity => !schema.TryGetEntityType(type.Name!, out var definition) || definition.Attributes.ContainsKey(name),
        CedarTypeKind.Record => type.IsOpen || type.Attributes.ContainsKey(name),
        _ => false,
    };

    private TypeAnswer CheckIs(IsExpr node, Capabilities prior)
    {
        if (node.InExpr is not null)
        {
            // `e is T in x` means `e is T && e in x`.
            return CheckAnd(Expr.At(new IsExpr(node.Target, node.EntityType, null), node), Expr.At(new BinaryExpr(BinaryOp.In, node.Target, node.InExpr), node), prior);
        }

        var target = Expect(node.Target, CedarType.AnyEntity, prior);
        return target.Type?.Kind switch
        {
            CedarTypeKind.Entity => new TypeAnswer(CedarType.Singleton(string.Equals(target.Type.Name, node.EntityType, StringComparison.Ordinal)), target.Ok),
            CedarTypeKind.AnyEntity => new TypeAnswer(CedarType.Bool, target.Ok),
            _ => TypeAnswer.Fail(CedarType.Bool),
        };
    }

    private TypeAnswer CheckSet(SetExpr node, Capabilities prior)
    {
        var ok = true;
        var types = new List<CedarType?>(node.Items.Count);
        foreach (var item in node.Items)
        {
            var answer = Check(item, prior);
            ok &= answer.Ok;
            types.Add(answer.Type);
        }

        var lub = UpperBoundOrError(types, "the elements of a set", node);
        if (node.Items.Count == 0)
        {
            Report("empty set literals are not allowed in strict validation (their element type is unknown)", node);
            return TypeAnswer.Fail();
        }

        return lub is null ? TypeAnswer.Fail() : new TypeAnswer(CedarType.SetOf(lub), ok);
    }

    private TypeAnswer CheckRecord(RecordExpr node, Capabilities prior)
    {
        var ok = true;
        var attributes = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
        var complete = true;
        for (var i = 0; i < node.Keys.Count; i++)
        {
            var answer = Check(node.Values[i], prior);
            ok &= answer.Ok;
            if (answer.Type is null)
            {
                complete = false;
            }
            else
            {
                attributes[node.Keys[i]] = new AttributeType(answer.Type, true);
            }
        }

        return complete ? new TypeAnswer(CedarType.Record(attributes), ok) : TypeAnswer.Fail();
    }
}
