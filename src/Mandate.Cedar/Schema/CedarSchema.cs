using System.Diagnostics.CodeAnalysis;

namespace Mandate.Cedar.Schema;

/// <summary>
/// A Cedar schema: entity types (attributes, tags, parents, enumerated ids), actions (what they apply to,
/// their context, their parents) and common types, read from the human-readable <c>.cedarschema</c> format
/// or the JSON format. It validates policies (see <c>Mandate.Cedar.Validation.Validator</c>) and guides reading
/// entity and context JSON (<see cref="JsonShapes"/>).
/// </summary>
public sealed class CedarSchema
{
    private readonly Dictionary<string, EntityTypeDefinition> _entityTypes;
    private readonly Dictionary<EntityUid, ActionDefinition> _actions;
    private IJsonShapeProvider? _shapes;

    internal CedarSchema(Dictionary<string, EntityTypeDefinition> entityTypes, Dictionary<EntityUid, ActionDefinition> actions)
    {
        _entityTypes = entityTypes;
        _actions = actions;
    }

    public IReadOnlyDictionary<string, EntityTypeDefinition> EntityTypes => _entityTypes;

    public IReadOnlyDictionary<EntityUid, ActionDefinition> Actions => _actions;

    /// <summary>Shapes for reading entity and context JSON with this schema's guidance (implicit entity and extension values).</summary>
    public IJsonShapeProvider JsonShapes => _shapes ??= new SchemaJsonShapes(this);

    /// <summary>Parses the human-readable schema format; throws <see cref="SchemaException"/> listing every error.</summary>
    public static CedarSchema Parse(string text) =>
        TryParse(text, out var schema, out var errors) ? schema : throw new SchemaException(errors);

    /// <summary>Parses the JSON schema format; throws <see cref="SchemaException"/> listing every error.</summary>
    public static CedarSchema ParseJson(string json) =>
        TryParseJson(json, out var schema, out var errors) ? schema : throw new SchemaException(errors);

    /// <summary>Parses the human-readable schema format, reporting every syntax and resolution error.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CedarSchema? schema, out IReadOnlyList<SchemaError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (fragment, syntaxErrors) = CedarSchemaParser.Parse(text);
        return Finish(fragment, syntaxErrors, out schema, out errors);
    }

    /// <summary>Parses the JSON schema format, reporting every error.</summary>
    public static bool TryParseJson(string json, [NotNullWhen(true)] out CedarSchema? schema, out IReadOnlyList<SchemaError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (fragment, syntaxErrors) = JsonSchemaReader.Read(json);
        return Finish(fragment, syntaxErrors, out schema, out errors);
    }

    /// <summary>Parses either format: JSON when the text starts with <c>{</c>, the human-readable format otherwise.</summary>
    public static bool TryParseAny(string text, [NotNullWhen(true)] out CedarSchema? schema, out IReadOnlyList<SchemaError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.TrimStart().StartsWith('{') ? TryParseJson(text, out schema, out errors) : TryParse(text, out schema, out errors);
    }

    internal bool IsKnownEntityType(string type) => SchemaBuilder.IsActionType(type) || _entityTypes.ContainsKey(type);

    internal bool TryGetEntityType(string type, [NotNullWhen(true)] out EntityTypeDefinition? definition) =>
        _entityTypes.TryGetValue(type, out definition);

    internal bool TryGetAction(EntityUid uid, [NotNullWhen(true)] out ActionDefinition? definition) =>
        _actions.TryGetValue(uid, out definition);

    /// <summary>True when an entity of type <paramref name="descendant"/> may be <c>in</c> an entity of type <paramref name="ancestor"/>.</summary>
    internal bool MayBeIn(string descendant, string ancestor) =>
        string.Equals(descendant, ancestor, StringComparison.Ordinal)
        || (_entityTypes.TryGetValue(ancestor, out var a) && a.DescendantSet.Contains(descendant));

    /// <summary>The actions <c>action in [uids]</c> is true for, or null when one of them is not declared.</summary>
    internal HashSet<EntityUid>? ActionsIn(IEnumerable<EntityUid> uids)
    {
        var result = new HashSet<EntityUid>();
        foreach (var uid in uids)
        {
            if (!_actions.TryGetValue(uid, out var action))
            {
                return null;
            }

            result.Add(uid);
            result.UnionWith(action.DescendantSet);
        }

        return result;
    }

    private static bool Finish(SchemaFragment fragment, List<SchemaError> syntaxErrors, out CedarSchema? schema, out IReadOnlyList<SchemaError> errors)
    {
        if (syntaxErrors.Count > 0)
        {
            schema = null;
            errors = syntaxErrors;
            return false;
        }

        var (built, buildErrors) = SchemaBuilder.Build(fragment);
        schema = built;
        errors = buildErrors;
        return schema is not null;
    }
}
