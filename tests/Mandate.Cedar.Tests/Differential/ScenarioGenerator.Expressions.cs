namespace Mandate.Cedar.Tests.Differential;

internal sealed partial class ScenarioGenerator
{
    private static readonly string[] Compare = ["<", "<=", ">", ">="];
    private static readonly string[] DecimalCompare = ["lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"];
    private static readonly string[] IpTests = ["isIpv4", "isIpv6", "isLoopback", "isMulticast"];
    private static readonly string[] DurationTo = ["toMilliseconds", "toSeconds", "toMinutes", "toHours", "toDays"];

    /// <summary>An expression meant to have <paramref name="kind"/>; now and then deliberately of another kind.</summary>
    private Ex Gen(Kind kind, int depth)
    {
        if (depth > 0 && _r.Chance(0.03))
        {
            return Gen(RandomKind(), depth - 1);
        }

        if (depth <= 0 || _r.Chance(0.2))
        {
            return Leaf(kind);
        }

        return kind switch
        {
            Kind.Bool => GenBool(depth - 1),
            Kind.Long => GenLong(depth - 1),
            Kind.String => _r.Chance(0.3) ? IfThenElse(Kind.String, depth - 1) : Leaf(kind),
            Kind.Entity => _r.Chance(0.2) ? IfThenElse(Kind.Entity, depth - 1) : Leaf(kind),
            Kind.StringSet or Kind.LongSet or Kind.EntitySet => _r.Chance(0.6) ? SetLiteral(kind, depth - 1) : Leaf(kind),
            Kind.Record => _r.Chance(0.5) ? RecordLiteral(depth - 1) : Leaf(kind),
            Kind.DateTime => _r.Next(3) switch
            {
                0 => Method(Gen(Kind.DateTime, depth - 1), "offset", Gen(Kind.Duration, depth - 1)),
                1 => Method(Gen(Kind.DateTime, depth - 1), "toDate"),
                _ => Leaf(kind),
            },
            Kind.Duration => _r.Next(3) switch
            {
                0 => Method(Gen(Kind.DateTime, depth - 1), "durationSince", Gen(Kind.DateTime, depth - 1)),
                1 => Method(Gen(Kind.DateTime, depth - 1), "toTime"),
                _ => Leaf(kind),
            },
            _ => Leaf(kind),
        };
    }

    private Ex GenBool(int d) => _r.Next(23) switch
    {
        22 => new Ex(_r.Pick(Probes.Conditions), Ex.If),
        0 or 1 => new Ex(W(Gen(Kind.Bool, d), Ex.And) + " && " + W(Gen(Kind.Bool, d), Ex.Rel), Ex.And),
        2 or 3 => new Ex(W(Gen(Kind.Bool, d), Ex.Or) + " || " + W(Gen(Kind.Bool, d), Ex.And), Ex.Or),
        4 => new Ex("!" + W(Gen(Kind.Bool, d), Ex.Member), Ex.Unary),
        5 => IfThenElse(Kind.Bool, d),
        6 or 7 => Rel(_r.Pick(Compare), Gen(Kind.Long, d), Gen(Kind.Long, d)),
        8 => Rel(_r.Pick(Compare), Gen(_r.Chance(0.5) ? Kind.DateTime : Kind.Duration, d), Gen(_r.Chance(0.5) ? Kind.DateTime : Kind.Duration, d)),
        9 or 10 => Equality(d),
        11 => Rel("in", Gen(Kind.Entity, d), Gen(_r.Chance(0.6) ? Kind.Entity : Kind.EntitySet, d)),
        12 => Contains(d),
        13 => Method(Gen(_r.Pick(new[] { Kind.StringSet, Kind.LongSet, Kind.EntitySet }), d), _r.Chance(0.5) ? "containsAll" : "containsAny", Gen(_r.Pick(new[] { Kind.StringSet, Kind.LongSet, Kind.EntitySet }), d)),
        14 => Method(Gen(_r.Pick(new[] { Kind.StringSet, Kind.LongSet, Kind.EntitySet }), d), "isEmpty"),
        15 => new Ex(W(Gen(Kind.String, d), Ex.Add) + " like " + Pattern(), Ex.Rel),
        16 => Is(d),
        17 => Has(d),
        18 => Method(Gen(Kind.Entity, d), "hasTag", Gen(Kind.String, d)),
        19 => _r.Chance(0.5) ? Method(Gen(Kind.Ip, d), _r.Pick(IpTests)) : Method(Gen(Kind.Ip, d), "isInRange", Gen(Kind.Ip, d)),
        20 => Method(Gen(Kind.Decimal, d), _r.Pick(DecimalCompare), Gen(Kind.Decimal, d)),
        _ => Leaf(Kind.Bool),
    };

    private Ex GenLong(int d) => _r.Next(8) switch
    {
        0 or 1 => new Ex(W(Gen(Kind.Long, d), Ex.Add) + (_r.Chance(0.5) ? " + " : " - ") + W(Gen(Kind.Long, d), Ex.Mul), Ex.Add),
        2 or 3 => new Ex(W(Gen(Kind.Long, d), Ex.Mul) + " * " + W(Gen(Kind.Long, d), Ex.Unary), Ex.Mul),
        4 => new Ex("-" + W(Gen(Kind.Long, d), Ex.Member), Ex.Unary),
        5 => IfThenElse(Kind.Long, d),
        6 => Method(Gen(Kind.Duration, d), _r.Pick(DurationTo)),
        _ => Leaf(Kind.Long),
    };

    private Ex Equality(int d)
    {
        var kind = RandomKind();
        return Rel(_r.Chance(0.7) ? "==" : "!=", Gen(kind, d), Gen(_r.Chance(0.9) ? kind : RandomKind(), d));
    }

    private Ex Contains(int d)
    {
        var (set, element) = _r.Next(3) switch
        {
            0 => (Kind.StringSet, Kind.String),
            1 => (Kind.LongSet, Kind.Long),
            _ => (Kind.EntitySet, Kind.Entity),
        };
        return Method(Gen(set, d), "contains", Gen(element, d));
    }

    private Ex Is(int d)
    {
        var subject = W(Gen(Kind.Entity, d), Ex.Add) + " is " + _r.Pick(Vocabulary.AllTypes);
        return _r.Chance(0.3) ? new Ex(subject + " in " + W(Gen(_r.Chance(0.8) ? Kind.Entity : Kind.EntitySet, d), Ex.Add), Ex.Rel) : new Ex(subject, Ex.Rel);
    }

    private Ex Has(int d)
    {
        var subject = _r.Chance(0.7) ? Gen(Kind.Entity, d) : Gen(Kind.Record, d);
        var (name, _) = _r.Pick(Vocabulary.Attributes);
        var attribute = _r.Next(4) switch
        {
            0 => Quote(name),
            1 => "info." + (_r.Chance(0.5) ? "c.d" : _r.Pick(new[] { "a", "b", "z" })),
            _ when name.Contains(' ', StringComparison.Ordinal) => Quote(name),
            _ => name,
        };
        return new Ex(W(subject, Ex.Add) + " has " + attribute, Ex.Rel);
    }

    private Ex Rel(string op, Ex left, Ex right) => new(W(left, Ex.Add) + " " + op + " " + W(right, Ex.Add), Ex.Rel);

    private Ex Method(Ex receiver, string name, params Ex[] args) =>
        new(W(receiver, Ex.Member) + "." + name + "(" + string.Join(", ", args.Select(a => W(a, Ex.If))) + ")", Ex.Member);

    private Ex IfThenElse(Kind kind, int d) =>
        new("if " + W(Gen(Kind.Bool, d), Ex.If) + " then " + W(Gen(kind, d), Ex.If) + " else " + W(Gen(kind, d), Ex.If), Ex.If);

    private Ex SetLiteral(Kind kind, int d)
    {
        var element = kind switch { Kind.StringSet => Kind.String, Kind.LongSet => Kind.Long, _ => Kind.Entity };
        var items = Enumerable.Range(0, _r.Next(4)).Select(_ => W(Gen(element, d), Ex.If));
        return Ex.Atom("[" + string.Join(", ", items) + "]");
    }

    private Ex RecordLiteral(int d)
    {
        var fields = new List<string>();
        foreach (var (name, kind) in new[] { ("a", Kind.Long), ("b", Kind.String), ("level", Kind.Long), ("first name", Kind.String) })
        {
            if (_r.Chance(0.6))
            {
                var key = name.Contains(' ', StringComparison.Ordinal) || _r.Chance(0.3) ? Quote(name) : name;
                fields.Add(key + ": " + W(Gen(kind, d), Ex.If));
            }
        }

        return Ex.Atom("{" + string.Join(", ", fields) + "}");
    }

    /// <summary>Literals, variables, attribute reads (which may be missing or of the wrong kind), tags.</summary>
    private Ex Leaf(Kind kind)
    {
        if (kind == Kind.Record && _r.Chance(0.5))
        {
            return _r.Chance(0.6) ? Ex.Atom("context") : Attribute(Kind.Record);
        }

        if (_r.Chance(0.5) && kind is not Kind.Bool || _r.Chance(0.3))
        {
            return Attribute(kind);
        }

        return kind switch
        {
            Kind.Bool => Ex.Atom(_r.Chance(0.5) ? "true" : "false"),
            Kind.Long => LongLiteral(),
            Kind.String => _r.Chance(0.2) ? Method(Entity(), "getTag", Ex.Atom(Quote(_r.Pick(Vocabulary.TagKeys)))) : Ex.Atom(Quote(_r.Pick(Vocabulary.Strings))),
            Kind.Entity => Entity(),
            Kind.StringSet or Kind.LongSet or Kind.EntitySet => SetLiteral(kind, 0),
            Kind.Record => RecordLiteral(0),
            Kind.Ip => ExtensionLiteral("ip", Vocabulary.IpLiterals),
            Kind.Decimal => ExtensionLiteral("decimal", Vocabulary.DecimalLiterals),
            Kind.DateTime => ExtensionLiteral("datetime", Vocabulary.DateTimeLiterals),
            _ => ExtensionLiteral("duration", Vocabulary.DurationLiterals),
        };
    }

    private Ex Entity() => _r.Next(5) switch
    {
        0 => Ex.Atom("principal"),
        1 => Ex.Atom("resource"),
        2 => Ex.Atom("action"),
        _ => Ex.Atom(UidText(AnyUid())),
    };

    /// <summary><c>x.attr</c> or <c>x["attr"]</c> of an entity or of the context; the info record's fields too.</summary>
    private Ex Attribute(Kind kind)
    {
        var source = _r.Chance(0.3) ? Ex.Atom("context") : Entity();
        if (_r.Chance(0.2) && kind is Kind.Long or Kind.String or Kind.Bool)
        {
            var field = kind switch { Kind.Long => ".a", Kind.String => ".b", _ => ".c.d" };
            return new Ex(W(source, Ex.Member) + ".info" + field, Ex.Member);
        }

        var candidates = Vocabulary.Attributes.Where(a => a.Kind == kind).Select(a => a.Name).ToList();
        var name = candidates.Count > 0 && _r.Chance(0.95) ? _r.Pick(candidates) : _r.Pick(Vocabulary.Attributes).Name;
        return name.Contains(' ', StringComparison.Ordinal) || _r.Chance(0.15)
            ? new Ex(W(source, Ex.Member) + "[" + Quote(name) + "]", Ex.Member)
            : new Ex(W(source, Ex.Member) + "." + name, Ex.Member);
    }

    /// <summary>Parenthesises where the grammar needs it, and now and then where it does not.</summary>
    private string W(Ex e, int min) => e.Prec < min || _r.Chance(0.04) ? "(" + e.Text + ")" : e.Text;
}
