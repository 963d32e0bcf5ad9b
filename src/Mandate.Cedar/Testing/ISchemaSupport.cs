namespace Mandate.Cedar.Testing;

/// <summary>
/// What the integration-test runner needs from schema support (parsing and validation live elsewhere).
/// Without it the runner checks decisions, reasons and errors, reads data without schema guidance, and
/// reports validation as not checked.
/// </summary>
public interface ISchemaSupport
{
    /// <summary>Shapes for reading entities and contexts, from the schema text (Cedar or JSON format).</summary>
    IJsonShapeProvider LoadShapes(string schemaText, string schemaPath);

    /// <summary>
    /// Strict-mode validation of the policies: every error (empty when the policies validate), or null when
    /// this implementation does not validate.
    /// </summary>
    IReadOnlyList<string>? Validate(string schemaText, string schemaPath, PolicySet policies);
}
