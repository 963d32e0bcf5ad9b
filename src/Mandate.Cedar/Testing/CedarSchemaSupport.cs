using Mandate.Cedar.Schema;
using Mandate.Cedar.Validation;

namespace Mandate.Cedar.Testing;

/// <summary>
/// Schema support for the integration-test runner: schemas in either format (JSON when the file name ends in
/// <c>.json</c>) guide entity and context reading, and policies are validated in strict mode.
/// </summary>
public sealed class CedarSchemaSupport : ISchemaSupport
{
    public static readonly CedarSchemaSupport Instance = new();

    private readonly Lock _gate = new();
    private (string Text, CedarSchema? Schema, IReadOnlyList<SchemaError> Errors)? _last;

    public IJsonShapeProvider LoadShapes(string schemaText, string schemaPath)
    {
        var (schema, _) = Load(schemaText, schemaPath);
        return schema?.JsonShapes ?? EmptyShapes.Instance;
    }

    public IReadOnlyList<string>? Validate(string schemaText, string schemaPath, PolicySet policies)
    {
        var (schema, errors) = Load(schemaText, schemaPath);
        if (schema is null)
        {
            return [.. errors.Select(e => "schema: " + e)];
        }

        return [.. Validator.Validate(policies, schema).Errors.Select(e => e.ToString())];
    }

    private (CedarSchema? Schema, IReadOnlyList<SchemaError> Errors) Load(string text, string path)
    {
        lock (_gate)
        {
            if (_last is { } last && ReferenceEquals(last.Text, text))
            {
                return (last.Schema, last.Errors);
            }
        }

        var json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        CedarSchema? schema;
        IReadOnlyList<SchemaError> errors;
        _ = json ? CedarSchema.TryParseJson(text, out schema, out errors) : CedarSchema.TryParse(text, out schema, out errors);
        lock (_gate)
        {
            _last = (text, schema, errors);
        }

        return (schema, errors);
    }

    private sealed class EmptyShapes : IJsonShapeProvider
    {
        public static readonly EmptyShapes Instance = new();

        public IEnumerable<Entity> ActionEntities => [];

        public JsonShape? EntityAttributes(string entityType) => null;

        public JsonShape? EntityTags(string entityType) => null;

        public JsonShape? Context(EntityUid action) => null;
    }
}
