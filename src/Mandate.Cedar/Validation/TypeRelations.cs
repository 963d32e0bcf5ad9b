using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

/// <summary>
/// Subtyping and least upper bounds as Cedar's strict validator defines them. Strict mode has no width
/// subtyping for records and no upper bound between different entity types; the permissive relation is only
/// used to ask "is this some entity / some record / some set".
/// </summary>
internal static class TypeRelations
{
    public static bool IsSubtype(CedarType a, CedarType b, bool strict)
    {
        switch (a.Kind, b.Kind)
        {
            case (CedarTypeKind.Never, _):
                return true;
            case (CedarTypeKind.True or CedarTypeKind.False, CedarTypeKind.Bool):
                return true;
            case (CedarTypeKind.Set, CedarTypeKind.Set):
                return b.Element is null || (a.Element is not null && IsSubtype(a.Element, b.Element, strict));
            case (CedarTypeKind.Record, CedarTypeKind.Record):
                return (!a.IsOpen || b.IsOpen)
                    && ((b.IsOpen && !strict && AttributesSubtype(a, b, strict)) || (SameKeys(a, b) && AttributesSubtype(a, b, strict)));
            case (CedarTypeKind.Entity, CedarTypeKind.Entity):
                return string.Equals(a.Name, b.Name, StringComparison.Ordinal);
            case (CedarTypeKind.Entity, CedarTypeKind.AnyEntity):
                return !strict;
            case (CedarTypeKind.Extension, CedarTypeKind.Extension):
                return string.Equals(a.Name, b.Name, StringComparison.Ordinal);
            default:
                return a.Kind == b.Kind && a.Kind is CedarTypeKind.Bool or CedarTypeKind.True or CedarTypeKind.False
                    or CedarTypeKind.Long or CedarTypeKind.String or CedarTypeKind.AnyEntity;
        }
    }

    /// <summary>The strict least upper bound, or null when there is none (the reason is in <paramref name="hint"/>).</summary>
    public static CedarType? LeastUpperBound(CedarType a, CedarType b, out string? hint)
    {
        hint = null;
        if (IsSubtype(a, b, strict: true))
        {
            return b;
        }

        if (IsSubtype(b, a, strict: true))
        {
            return a;
        }

        if (a.IsBoolean && b.IsBoolean)
        {
            return CedarType.Bool;
        }

        switch (a.Kind, b.Kind)
        {
            case (CedarTypeKind.Set, CedarTypeKind.Set):
                if (a.Element is null || b.Element is null)
                {
                    return CedarType.AnySet;
                }

                return LeastUpperBound(a.Element, b.Element, out hint) is { } element ? CedarType.SetOf(element) : null;
            case (CedarTypeKind.Record, CedarTypeKind.Record):
                return RecordUpperBound(a, b, out hint);
            case (CedarTypeKind.Entity or CedarTypeKind.AnyEntity, CedarTypeKind.Entity or CedarTypeKind.AnyEntity):
                hint = "different entity types are incompatible in strict validation";
                return null;
            case (CedarTypeKind.Entity or CedarTypeKind.AnyEntity, CedarTypeKind.Record) or (CedarTypeKind.Record, CedarTypeKind.Entity or CedarTypeKind.AnyEntity):
                hint = "entity and record types are incompatible";
                return null;
            default:
                return null;
        }
    }

    public static CedarType? LeastUpperBound(IEnumerable<CedarType> types, out string? hint)
    {
        hint = null;
        var lub = CedarType.Never;
        foreach (var type in types)
        {
            if (LeastUpperBound(lub, type, out hint) is not { } next)
            {
                return null;
            }

            lub = next;
        }

        return lub;
    }

    /// <summary>Types that certainly share no value: entity types with different names.</summary>
    public static bool AreDisjoint(CedarType a, CedarType b) =>
        a.Kind == CedarTypeKind.Entity && b.Kind == CedarTypeKind.Entity && !string.Equals(a.Name, b.Name, StringComparison.Ordinal);

    private static CedarType? RecordUpperBound(CedarType a, CedarType b, out string? hint)
    {
        hint = null;
        if (!SameKeys(a, b))
        {
            hint = "records with different attributes are incompatible in strict validation";
            return null;
        }

        var attributes = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
        foreach (var (key, x) in a.Attributes)
        {
            var y = b.Attributes[key];
            if (LeastUpperBound(x.Type, y.Type, out hint) is not { } type)
            {
                return null;
            }

            if (x.IsRequired != y.IsRequired)
            {
                hint = "attribute `" + key + "` is required in one record type and optional in the other";
                return null;
            }

            attributes[key] = new AttributeType(type, x.IsRequired);
        }

        return CedarType.Record(attributes, a.IsOpen || b.IsOpen);
    }

    private static bool SameKeys(CedarType a, CedarType b) =>
        a.Attributes.Count == b.Attributes.Count && a.Attributes.Keys.All(b.Attributes.ContainsKey);

    private static bool AttributesSubtype(CedarType a, CedarType b, bool strict)
    {
        foreach (var (key, expected) in b.Attributes)
        {
            if (!a.Attributes.TryGetValue(key, out var actual))
            {
                return false;
            }

            var qualifier = strict ? actual.IsRequired == expected.IsRequired : actual.IsRequired || !expected.IsRequired;
            if (!qualifier || !IsSubtype(actual.Type, expected.Type, strict))
            {
                return false;
            }
        }

        return true;
    }
}
