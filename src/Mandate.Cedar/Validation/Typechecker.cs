using System.Runtime.CompilerServices;
using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

/// <summary>
/// Cedar's strict typechecker for one request environment. It follows the reference rules: singleton
/// boolean types let <c>&amp;&amp;</c>, <c>||</c> and <c>if</c> skip branches that cannot run, <c>has</c> and
/// <c>hasTag</c> grant capabilities to the right of <c>&amp;&amp;</c>, and strict mode rejects comparisons and
/// sets whose types have no least upper bound. Type errors are added to <see cref="Errors"/>; a subexpression
/// that fails still lets its siblings be checked, so every error is found.
/// </summary>
internal sealed partial class Typechecker(CedarSchema schema, RequestEnvironment env)
{
    private const int MaxDepth = 2048;

    private readonly Dictionary<Expr, string> _keys = new(ReferenceEqualityComparer.Instance);
    private int _depth;

    public List<Finding> Errors { get; } = [];

    /// <summary>Records an error about <paramref name="at"/>, the expression whose position it is reported at.</summary>
    private void Report(string message, Expr at) => Errors.Add(new Finding(message, null, at));

    /// <summary>Typechecks a policy condition, which must be a boolean.</summary>
    public TypeAnswer CheckCondition(Expr condition) => Expect(condition, CedarType.Bool, Capabilities.Empty);

    private TypeAnswer Check(Expr e, Capabilities prior)
    {
        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            Report("expression is nested too deeply to typecheck", e);
            return TypeAnswer.Fail();
        }

        try
        {
            return e switch
            {
                LiteralExpr literal => CheckLiteral(literal.Value),
                VariableExpr variable => TypeAnswer.Success(variable.Variable switch
                {
                    Variable.Principal => CedarType.Entity(env.Principal),
                    Variable.Action => CedarType.Entity(env.Action.Type),
                    Variable.Resource => CedarType.Entity(env.Resource),
                    _ => env.Context,
                }),
                SlotExpr slot => TypeAnswer.Success((slot.IsPrincipal ? env.PrincipalSlot : env.ResourceSlot) is { } t ? CedarType.Entity(t) : CedarType.AnyEntity),
                IfExpr node => CheckIf(node, prior),
                AndExpr node => CheckAnd(node.Left, node.Right, prior),
                OrExpr node => CheckOr(node, prior),
                UnaryExpr node => CheckUnary(node, prior),
                BinaryExpr node => CheckBinary(node, prior),
                GetAttrExpr node => CheckGetAttr(node, prior),
                HasAttrExpr node => CheckHas(node, prior),
                LikeExpr node => Expect(node.Target, CedarType.String, prior) is var s && s.Type is null
                    ? TypeAnswer.Fail(CedarType.Bool)
                    : new TypeAnswer(CedarType.Bool, s.Ok),
                IsExpr node => CheckIs(node, prior),
                SetExpr node => CheckSet(node, prior),
                RecordExpr node => CheckRecord(node, prior),
                ExtensionCallExpr node => CheckExtension(node, prior),
                _ => TypeAnswer.Fail(),
            };
        }
        finally
        {
            _depth--;
        }
    }

    private TypeAnswer CheckLiteral(CedarValue value) => value switch
    {
        BoolValue b => TypeAnswer.Success(CedarType.Singleton(b.Value)),
        LongValue => TypeAnswer.Success(CedarType.Long),
        StringValue => TypeAnswer.Success(CedarType.String),
        EntityUid uid => LiteralEntityType(uid) is { } t ? TypeAnswer.Success(t) : TypeAnswer.Fail(),
        _ => TypeAnswer.Fail(),
    };

    /// <summary>The type of an entity literal; null (an error reported by another pass) when it is not declared.</summary>
    private CedarType? LiteralEntityType(EntityUid uid)
    {
        if (uid.IsAction)
        {
            return schema.TryGetAction(uid, out _) ? CedarType.Entity(uid.Type) : null;
        }

        return schema.TryGetEntityType(uid.Type, out _) ? CedarType.Entity(uid.Type) : null;
    }

    private TypeAnswer CheckIf(IfExpr node, Capabilities prior)
    {
        var test = Expect(node.Condition, CedarType.Bool, prior);
        if (test.Type?.Kind == CedarTypeKind.True)
        {
            var then = Check(node.Then, prior.Union(test.Capabilities));
            return new TypeAnswer(then.Type, test.Ok && then.Ok, then.Capabilities.Union(test.Capabilities));
        }

        if (test.Type?.Kind == CedarTypeKind.False)
        {
            var otherwise = Check(node.Else, prior);
            return new TypeAnswer(otherwise.Type, test.Ok && otherwise.Ok, otherwise.Capabilities);
        }

        var thenAnswer = Check(node.Then, prior.Union(test.Capabilities));
        var elseAnswer = Check(node.Else, prior);
        var lub = UpperBoundOrError([thenAnswer.Type, elseAnswer.Type], "the branches of `if`", node);
        return lub is null
            ? TypeAnswer.Fail()
            : new TypeAnswer(lub, test.Ok && thenAnswer.Ok && elseAnswer.Ok, thenAnswer.Capabilities.Union(test.Capabilities).Intersect(elseAnswer.Capabilities));
    }

    private TypeAnswer CheckAnd(Expr leftExpr, Expr rightExpr, Capabilities prior)
    {
        var left = Expect(leftExpr, CedarType.Bool, prior);
        if (left.Type?.Kind == CedarTypeKind.False)
        {
            return new TypeAnswer(left.Type, left.Ok);
        }

        var right = Expect(rightExpr, CedarType.Bool, prior.Union(left.Capabilities));
        var ok = left.Ok && right.Ok;
        if (left.Type is null || right.Type is null)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        if (right.Type.Kind == CedarTypeKind.False)
        {
            return new TypeAnswer(CedarType.False, ok);
        }

        if (right.Type.Kind == CedarTypeKind.True)
        {
            return new TypeAnswer(left.Type, ok, left.Capabilities.Union(right.Capabilities));
        }

        if (left.Type.Kind == CedarTypeKind.True)
        {
            return new TypeAnswer(right.Type, ok, right.Capabilities);
        }

        return new TypeAnswer(CedarType.Bool, ok, left.Capabilities.Union(right.Capabilities));
    }

    private TypeAnswer CheckOr(OrExpr node, Capabilities prior)
    {
        var left = Expect(node.Left, CedarType.Bool, prior);
        if (left.Type?.Kind == CedarTypeKind.True)
        {
            return new TypeAnswer(left.Type, left.Ok, left.Capabilities);
        }

        var right = Expect(node.Right, CedarType.Bool, prior);
        var ok = left.Ok && right.Ok;
        if (left.Type is null || right.Type is null)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        if (right.Type.Kind == CedarTypeKind.True)
        {
            return new TypeAnswer(CedarType.True, ok, right.Capabilities);
        }

        if (right.Type.Kind == CedarTypeKind.False)
        {
            return new TypeAnswer(left.Type, ok, left.Capabilities);
        }

        if (left.Type.Kind == CedarTypeKind.False)
        {
            return new TypeAnswer(right.Type, ok, right.Capabilities);
        }

        return new TypeAnswer(CedarType.Bool, ok, left.Capabilities.Intersect(right.Capabilities));
    }

    private TypeAnswer CheckUnary(UnaryExpr node, Capabilities prior)
    {
        switch (node.Op)
        {
            case UnaryOp.Not:
                var arg = Expect(node.Operand, CedarType.Bool, prior);
                return arg.Type is null ? TypeAnswer.Fail(CedarType.Bool) : new TypeAnswer(Negate(arg.Type), arg.Ok);
            case UnaryOp.Negate:
                return new TypeAnswer(CedarType.Long, Expect(node.Operand, CedarType.Long, prior).Ok);
            default:
                return new TypeAnswer(CedarType.Bool, Expect(node.Operand, CedarType.AnySet, prior).Ok);
        }
    }

    private static CedarType Negate(CedarType type) => type.Kind switch
    {
        CedarTypeKind.True => CedarType.False,
        CedarTypeKind.False => CedarType.True,
        _ => CedarType.Bool,
    };

    private TypeAnswer Expect(Expr e, CedarType expected, Capabilities prior) => ExpectOneOf(e, [expected], prior);

    /// <summary>Checks that the expression's type is (permissively) a subtype of one of the expected types.</summary>
    private TypeAnswer ExpectOneOf(Expr e, CedarType[] expected, Capabilities prior)
    {
        var actual = Check(e, prior);
        if (actual.Type is null)
        {
            return TypeAnswer.Fail();
        }

        foreach (var candidate in expected)
        {
            if (TypeRelations.IsSubtype(actual.Type, candidate, strict: false))
            {
                return actual;
            }
        }

        Report("unexpected type: expected " + string.Join(" or ", expected.Select(Describe)) + " but saw " + actual.Type + " in `" + Key(e) + "`", e);
        return TypeAnswer.Fail();
    }

    private static string Describe(CedarType type) => type.Kind switch
    {
        CedarTypeKind.Set when type.Element is null => "a set",
        CedarTypeKind.Record when type.IsOpen && type.Attributes.Count == 0 => "a record",
        CedarTypeKind.AnyEntity => "an entity",
        _ => type.ToString(),
    };

    /// <summary>The least upper bound of the types (null when one of them is unknown, without an error).</summary>
    private CedarType? UpperBoundOrError(IReadOnlyList<CedarType?> types, string what, Expr at)
    {
        if (types.Any(t => t is null))
        {
            return null;
        }

        var lub = TypeRelations.LeastUpperBound(types!, out var hint);
        if (lub is null)
        {
            Report("the types " + string.Join(" and ", types.Select(t => t!.ToString()).Distinct(StringComparer.Ordinal)) + " of " + what + " are not compatible" + (hint is null ? string.Empty : ": " + hint), at);
        }

        return lub;
    }

    /// <summary>A structural identity for an expression, used for capabilities and messages.</summary>
    private string Key(Expr e)
    {
        if (!_keys.TryGetValue(e, out var key))
        {
            key = e is SlotExpr slot ? (slot.IsPrincipal ? "?principal" : "?resource") : ExprPrinter.Print(e);
            _keys[e] = key;
        }

        return key;
    }
}
