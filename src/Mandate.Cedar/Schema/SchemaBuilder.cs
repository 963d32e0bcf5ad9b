namespace Mandate.Cedar.Schema;

/// <summary>
/// Turns declarations into a <see cref="CedarSchema"/>: resolves every type name the way Cedar does (the
/// declaring namespace first, then the empty namespace, common types before entity types, then the builtin
/// <c>__cedar</c> types), inlines common types, and computes the entity and action hierarchies.
/// Every problem is reported.
/// </summary>
internal sealed partial class SchemaBuilder
{
    // The JSON format's type keywords cannot name common types (cedar-policy/cedar#1139).
    private static readonly HashSet<string> ReservedCommonTypeNames = new(StringComparer.Ordinal)
    {
        "Bool", "Boolean", "Entity", "EntityOrCommon", "Extension", "Long", "Record", "Set", "String",
    };

    private readonly Dictionary<string, RawCommonType> _commonTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawEntityType> _entityTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<EntityUid, RawAction> _actions = [];
    private readonly HashSet<string> _actionEntityTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CedarType?> _resolvedCommon = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);
    private readonly List<SchemaError> _errors = [];

    public static (CedarSchema? Schema, List<SchemaError> Errors) Build(SchemaFragment fragment)
    {
        var builder = new SchemaBuilder();
        var schema = builder.BuildSchema(fragment);
        return builder._errors.Count == 0 ? (schema, builder._errors) : (null, builder._errors);
    }

    internal static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "::" + name;

    internal static bool IsActionType(string type) => type == "Action" || type.EndsWith("::Action", StringComparison.Ordinal);

    private CedarSchema BuildSchema(SchemaFragment fragment)
    {
        CollectDefinitions(fragment);
        var entityTypes = new Dictionary<string, EntityTypeDefinition>(StringComparer.Ordinal);
        foreach (var (name, raw) in _entityTypes)
        {
            var attributes = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
            if (raw.Attributes is not null && Resolve(raw.Attributes, raw.Namespace) is { } shape)
            {
                if (shape.Kind != CedarTypeKind.Record)
                {
                    Error(raw.Attributes, "the attributes of entity type `" + name + "` must be a record type, not " + shape);
                }
                else
                {
                    foreach (var (key, value) in shape.Attributes)
                    {
                        attributes[key] = value;
                    }
                }
            }

            var tags = raw.Tags is null ? null : Resolve(raw.Tags, raw.Namespace);
            var parents = raw.Parents.Select(p => ResolveEntityType(p, raw.Namespace, raw.Line, raw.Column)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            entityTypes[name] = new EntityTypeDefinition(name, attributes, tags, parents, raw.EnumChoices);
        }

        var actions = new Dictionary<EntityUid, ActionDefinition>();
        foreach (var (uid, raw) in _actions)
        {
            var principals = ResolveEntityTypes(raw.Principals, raw);
            var resources = ResolveEntityTypes(raw.Resources, raw);
            var context = CedarType.Record(new Dictionary<string, AttributeType>(StringComparer.Ordinal));
            if (raw.Context is not null && Resolve(raw.Context, raw.Namespace) is { } resolved)
            {
                if (resolved.Kind == CedarTypeKind.Record)
                {
                    context = resolved;
                }
                else
                {
                    Error(raw.Context, "the context of action `" + raw.Id + "` must be a record type, not " + resolved);
                }
            }

            var parents = new List<EntityUid>();
            foreach (var parent in raw.Parents)
            {
                if (ResolveAction(parent, raw.Namespace) is { } p)
                {
                    parents.Add(p);
                }
            }

            actions[uid] = new ActionDefinition(uid, raw.Principals is not null, principals, resources, context, parents);
        }

        ComputeEntityDescendants(entityTypes);
        ComputeActionDescendants(actions);
        return new CedarSchema(entityTypes, actions);
    }

    private void CollectDefinitions(SchemaFragment fragment)
    {
        foreach (var common in fragment.CommonTypes)
        {
            var name = Qualify(common.Namespace, common.Name);
            if (ReservedCommonTypeNames.Contains(common.Name))
            {
                Error(common.Line, common.Column, "`" + common.Name + "` is reserved and cannot be the name of a common type");
            }

            if (!_commonTypes.TryAdd(name, common))
            {
                Error(common.Line, common.Column, "duplicate common type `" + name + "`");
            }
        }

        foreach (var entity in fragment.EntityTypes)
        {
            var name = Qualify(entity.Namespace, entity.Name);
            if (!_entityTypes.TryAdd(name, entity))
            {
                Error(entity.Line, entity.Column, "duplicate entity type `" + name + "`");
            }
            else if (_commonTypes.ContainsKey(name))
            {
                Error(entity.Line, entity.Column, "`" + name + "` is declared both as an entity type and as a common type");
            }
        }

        foreach (var action in fragment.Actions)
        {
            var uid = new EntityUid(Qualify(action.Namespace, "Action"), action.Id);
            _actionEntityTypes.Add(uid.Type);
            if (!_actions.TryAdd(uid, action))
            {
                Error(action.Line, action.Column, "duplicate action `" + uid + "`");
            }
        }

        CheckShadowing(fragment);
    }

    /// <summary>
    /// A declaration in a namespace may not reuse the name of a type or action declared in the empty namespace,
    /// because unqualified references inside the namespace would become ambiguous to readers (Cedar RFC 70).
    /// </summary>
    private void CheckShadowing(SchemaFragment fragment)
    {
        var global = new HashSet<string>(StringComparer.Ordinal);
        global.UnionWith(fragment.CommonTypes.Where(c => c.Namespace.Length == 0).Select(c => c.Name));
        global.UnionWith(fragment.EntityTypes.Where(e => e.Namespace.Length == 0).Select(e => e.Name));
        foreach (var (ns, name, line, column) in fragment.CommonTypes.Select(c => (c.Namespace, c.Name, c.Line, c.Column))
            .Concat(fragment.EntityTypes.Select(e => (e.Namespace, e.Name, e.Line, e.Column))))
        {
            if (ns.Length > 0 && global.Contains(name))
            {
                Error(line, column, "`" + Qualify(ns, name) + "` shadows `" + name + "` declared in the empty namespace");
            }
        }

        var globalActions = new HashSet<string>(fragment.Actions.Where(a => a.Namespace.Length == 0).Select(a => a.Id), StringComparer.Ordinal);
        foreach (var action in fragment.Actions.Where(a => a.Namespace.Length > 0 && globalActions.Contains(a.Id)))
        {
            Error(action.Line, action.Column, "action `" + Qualify(action.Namespace, "Action") + "::" + Parsing.CedarText.Quote(action.Id) + "` shadows an action of the same name in the empty namespace");
        }
    }

    private List<string> ResolveEntityTypes(IReadOnlyList<string>? names, RawAction action)
    {
        if (names is null)
        {
            return [];
        }

        return names.Select(n => ResolveEntityType(n, action.Namespace, action.Line, action.Column)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Possibilities(string name, string ns) =>
        name.Contains("::", StringComparison.Ordinal) || ns.Length == 0 ? [name] : [Qualify(ns, name), name];

    private string? ResolveEntityType(string name, string ns, int line, int column)
    {
        foreach (var candidate in Possibilities(name, ns))
        {
            if (_entityTypes.ContainsKey(candidate) || _actionEntityTypes.Contains(candidate))
            {
                return candidate;
            }
        }

        Error(line, column, "failed to resolve type: `" + name + "` has not been declared as an entity type");
        return null;
    }

    private EntityUid? ResolveAction(RawActionRef reference, string ns)
    {
        foreach (var type in Possibilities(reference.Type ?? "Action", ns))
        {
            var uid = new EntityUid(type, reference.Id);
            if (_actions.ContainsKey(uid))
            {
                return uid;
            }
        }

        var written = reference.Type is null ? Parsing.CedarText.Quote(reference.Id) : reference.Type + "::" + Parsing.CedarText.Quote(reference.Id);
        Error(reference.Line, reference.Column, "undeclared action " + written + " (a parent action must be declared)");
        return null;
    }

    private void Error(RawType at, string message) => Error(at.Line, at.Column, message);

    private void Error(int line, int column, string message) => _errors.Add(new SchemaError(line, column, message));
}
