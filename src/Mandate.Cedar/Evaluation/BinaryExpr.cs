namespace Mandate.Cedar.Evaluation;

/// <summary>Operators and built-in methods that evaluate both operands, left first.</summary>
internal sealed class BinaryExpr(BinaryOp op, Expr left, Expr right) : Expr
{
    public BinaryOp Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override int Depth { get; } = Math.Max(left.Depth, right.Depth) + 1;

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        var l = Left.Evaluate(context);
        if (l is null)
        {
            return null;
        }

        var r = Right.Evaluate(context);
        if (r is null)
        {
            return null;
        }

        return Op switch
        {
            BinaryOp.Equal => BoolValue.Of(l.Equals(r)),
            BinaryOp.NotEqual => BoolValue.Of(!l.Equals(r)),
            BinaryOp.Less => Compare(context, l, r, strict: true),
            BinaryOp.LessOrEqual => Compare(context, l, r, strict: false),
            BinaryOp.Greater => Compare(context, r, l, strict: true),
            BinaryOp.GreaterOrEqual => Compare(context, r, l, strict: false),
            BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply => Arithmetic(context, l, r),
            BinaryOp.In => In(context, l, r),
            BinaryOp.Contains => l is SetValue s ? BoolValue.Of(s.Contains(r)) : context.TypeError("Set", l),
            BinaryOp.ContainsAll => SetPair(context, l, r, static (a, b) => a.ContainsAll(b)),
            BinaryOp.ContainsAny => SetPair(context, l, r, static (a, b) => a.ContainsAny(b)),
            _ => Tag(context, l, r),
        };
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);

    private static CedarValue? Compare(EvaluationContext context, CedarValue a, CedarValue b, bool strict)
    {
        if (a is LongValue x && b is LongValue y)
        {
            return BoolValue.Of(strict ? x.Value < y.Value : x.Value <= y.Value);
        }

        if (a is ExtensionValue ea && b is ExtensionValue eb && ea.SupportsOperators && eb.SupportsOperators
            && string.Equals(ea.ExtensionName, eb.ExtensionName, StringComparison.Ordinal))
        {
            var c = ea.CompareSameType(eb);
            return BoolValue.Of(strict ? c < 0 : c <= 0);
        }

        if (a is LongValue)
        {
            return context.TypeError("Long", b);
        }

        if (b is LongValue)
        {
            return context.TypeError("Long", a);
        }

        if (a is ExtensionValue { SupportsOperators: true } ext)
        {
            return context.TypeError(ext.ExtensionName, b);
        }

        return b is ExtensionValue { SupportsOperators: true } ext2
            ? context.TypeError(ext2.ExtensionName, a)
            : context.TypeError("Long, datetime or duration", a);
    }

    private CedarValue? Arithmetic(EvaluationContext context, CedarValue a, CedarValue b)
    {
        if (a is not LongValue x)
        {
            return context.TypeError("Long", a);
        }

        if (b is not LongValue y)
        {
            return context.TypeError("Long", b);
        }

        long result;
        bool overflow;
        switch (Op)
        {
            case BinaryOp.Add:
                result = unchecked(x.Value + y.Value);
                overflow = ((x.Value ^ result) & (y.Value ^ result)) < 0;
                break;
            case BinaryOp.Subtract:
                result = unchecked(x.Value - y.Value);
                overflow = ((x.Value ^ y.Value) & (x.Value ^ result)) < 0;
                break;
            default:
                var wide = (Int128)x.Value * y.Value;
                overflow = wide < long.MinValue || wide > long.MaxValue;
                result = (long)wide;
                break;
        }

        return overflow
            ? context.Fail($"integer overflow while attempting to {OpVerb()} the values {x} and {y}")
            : LongValue.Of(result);
    }

    private string OpVerb() => Op switch
    {
        BinaryOp.Add => "add",
        BinaryOp.Subtract => "subtract",
        _ => "multiply",
    };

    internal static CedarValue? In(EvaluationContext context, CedarValue l, CedarValue r)
    {
        if (l is not EntityUid child)
        {
            return context.TypeError("(entity of any type)", l);
        }

        var ancestors = context.Entities.AncestorsOf(child);
        if (r is EntityUid parent)
        {
            return BoolValue.Of(child.Equals(parent) || ancestors.Contains(parent));
        }

        if (r is not SetValue set)
        {
            return context.TypeError("Set or (entity of any type)", r);
        }

        // Every element must be an entity, even when an earlier one already matches.
        foreach (var item in set.Items)
        {
            if (item is not EntityUid)
            {
                return context.TypeError("(entity of any type)", item);
            }
        }

        foreach (var item in set.Items)
        {
            var candidate = (EntityUid)item;
            if (child.Equals(candidate) || ancestors.Contains(candidate))
            {
                return BoolValue.True;
            }
        }

        return BoolValue.False;
    }

    private static CedarValue? SetPair(EvaluationContext context, CedarValue l, CedarValue r, Func<SetValue, SetValue, bool> test)
    {
        if (l is not SetValue a)
        {
            return context.TypeError("Set", l);
        }

        return r is SetValue b ? BoolValue.Of(test(a, b)) : context.TypeError("Set", r);
    }

    private CedarValue? Tag(EvaluationContext context, CedarValue l, CedarValue r)
    {
        if (l is not EntityUid uid)
        {
            return context.TypeError("(entity of any type)", l);
        }

        if (r is not StringValue key)
        {
            return context.TypeError("String", r);
        }

        var found = context.Entities.TryGet(uid, out var entity);
        if (Op == BinaryOp.HasTag)
        {
            return BoolValue.Of(found && entity!.TagMap.ContainsKey(key.Value));
        }

        if (!found)
        {
            return context.Fail("entity `" + uid + "` does not exist");
        }

        return entity!.TagMap.TryGetValue(key.Value, out var value)
            ? value
            : context.Fail("`" + uid + "` does not have the tag `" + key.Value + "`");
    }
}
