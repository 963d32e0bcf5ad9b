namespace Mandate.Cedar.Schema;

internal sealed partial class SchemaBuilder
{
    private CedarType? Resolve(RawType type, string ns)
    {
        switch (type.Kind)
        {
            case RawTypeKind.Long:
                return CedarType.Long;
            case RawTypeKind.String:
                return CedarType.String;
            case RawTypeKind.Bool:
                return CedarType.Bool;
            case RawTypeKind.Set:
                return Resolve(type.Element!, ns) is { } element ? CedarType.SetOf(element) : null;
            case RawTypeKind.Record:
                var attributes = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
                var ok = true;
                foreach (var attribute in type.Attributes!)
                {
                    if (Resolve(attribute.Type, ns) is { } t)
                    {
                        attributes[attribute.Name] = new AttributeType(t, attribute.IsRequired);
                    }
                    else
                    {
                        ok = false;
                    }
                }

                return ok ? CedarType.Record(attributes) : null;
            case RawTypeKind.EntityName:
                return ResolveEntityType(type.Name!, ns, type.Line, type.Column) is { } entity ? CedarType.Entity(entity) : null;
            case RawTypeKind.ExtensionName:
                if (Builtin(type.Name!) is { Kind: CedarTypeKind.Extension } extension)
                {
                    return extension;
                }

                Error(type, "unknown extension type `" + type.Name + "`");
                return null;
            default:
                return ResolveName(type, ns);
        }
    }

    private CedarType? ResolveName(RawType type, string ns)
    {
        var name = type.Name!;
        if (name.StartsWith("__cedar::", StringComparison.Ordinal))
        {
            if (Builtin(name["__cedar::".Length..]) is { } builtin)
            {
                return builtin;
            }

            Error(type, "failed to resolve type: `" + name + "` is not a builtin type");
            return null;
        }

        foreach (var candidate in Possibilities(name, ns))
        {
            if (_commonTypes.TryGetValue(candidate, out var common))
            {
                return ResolveCommon(candidate, common);
            }

            if (_entityTypes.ContainsKey(candidate) || _actionEntityTypes.Contains(candidate))
            {
                return CedarType.Entity(candidate);
            }
        }

        // The builtin names are aliases in the empty namespace unless the schema declares that name there.
        if (!name.Contains("::", StringComparison.Ordinal) && Builtin(name) is { } alias)
        {
            return alias;
        }

        Error(type, "failed to resolve type: `" + name + "` has not been declared as a common or entity type");
        return null;
    }

    private CedarType? ResolveCommon(string name, RawCommonType common)
    {
        if (_resolvedCommon.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!_resolving.Add(name))
        {
            Error(common.Line, common.Column, "common type `" + name + "` refers to itself (cycle in common type definitions)");
            _resolvedCommon[name] = null;
            return null;
        }

        var resolved = Resolve(common.Type, common.Namespace);
        _resolving.Remove(name);
        _resolvedCommon[name] = resolved;
        return resolved;
    }

    private static CedarType? Builtin(string name) => name switch
    {
        "Bool" => CedarType.Bool,
        "Long" => CedarType.Long,
        "String" => CedarType.String,
        "ipaddr" or "decimal" or "datetime" or "duration" => CedarType.Extension(name),
        _ => null,
    };

    private static void ComputeEntityDescendants(Dictionary<string, EntityTypeDefinition> types)
    {
        foreach (var type in types.Values)
        {
            var stack = new Stack<string>(type.Parents);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (stack.Count > 0)
            {
                var ancestor = stack.Pop();
                if (!seen.Add(ancestor))
                {
                    continue;
                }

                if (types.TryGetValue(ancestor, out var definition))
                {
                    definition.DescendantSet.Add(type.Name);
                    foreach (var p in definition.Parents)
                    {
                        stack.Push(p);
                    }
                }
            }
        }
    }

    private void ComputeActionDescendants(Dictionary<EntityUid, ActionDefinition> actions)
    {
        foreach (var action in actions.Values)
        {
            var stack = new Stack<EntityUid>(action.Parents);
            var seen = new HashSet<EntityUid>();
            while (stack.Count > 0)
            {
                var ancestor = stack.Pop();
                if (!seen.Add(ancestor))
                {
                    continue;
                }

                if (ancestor.Equals(action.Uid))
                {
                    var raw = _actions[action.Uid];
                    Error(raw.Line, raw.Column, "action `" + action.Uid + "` is its own ancestor (cycle in the action hierarchy)");
                    continue;
                }

                if (actions.TryGetValue(ancestor, out var definition))
                {
                    definition.DescendantSet.Add(action.Uid);
                    foreach (var p in definition.Parents)
                    {
                        stack.Push(p);
                    }
                }
            }
        }
    }
}
