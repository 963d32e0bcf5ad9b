using System.Text.Json;
using Mandate.Cedar.Json;

namespace Mandate.Cedar.Testing;

/// <summary>
/// A test in the <c>cedar-integration-tests</c> format: a policy file, an entity file, a schema file,
/// <c>shouldValidate</c>, and requests with the expected decision, reasons and erroring policies. Both key
/// spellings used across corpus versions are accepted (<c>reason</c>/<c>reasons</c>,
/// <c>errors</c>/<c>errorPolicies</c>, <c>requests</c>/<c>queries</c>, <c>Allow</c>/<c>allow</c>).
/// </summary>
public sealed class IntegrationTest
{
    private IntegrationTest(string name, string? testDirectory, string policies, string entities, string? schema, bool? shouldValidate, IReadOnlyList<IntegrationTestRequest> requests)
    {
        Name = name;
        TestDirectory = testDirectory;
        PoliciesFile = policies;
        EntitiesFile = entities;
        SchemaFile = schema;
        ShouldValidate = shouldValidate;
        Requests = requests;
    }

    public string Name { get; }

    /// <summary>The directory of the test file, the second place file names are looked up.</summary>
    public string? TestDirectory { get; }

    public string PoliciesFile { get; }

    public string EntitiesFile { get; }

    public string? SchemaFile { get; }

    public bool? ShouldValidate { get; }

    public IReadOnlyList<IntegrationTestRequest> Requests { get; }

    /// <summary>Reads a test file; throws <see cref="CedarJsonException"/> when it is not a valid test.</summary>
    public static IntegrationTest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses test JSON; <paramref name="testFilePath"/> names the test and anchors relative file names.</summary>
    public static IntegrationTest Parse(string json, string testFilePath)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(testFilePath);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, CedarJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new CedarJsonException(testFilePath + ": invalid test JSON: " + e.Message, e);
        }

        using var owned = document;
        var root = document.RootElement;
        var policies = RequiredString(root, "policies");
        var entities = RequiredString(root, "entities");
        string? schema = root.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        bool? shouldValidate = root.TryGetProperty("shouldValidate", out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : null;
        var requests = new List<IntegrationTestRequest>();
        if (First(root, "requests", "queries") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var request in list.EnumerateArray())
            {
                requests.Add(ParseRequest(request, requests.Count));
            }
        }

        return new IntegrationTest(Path.GetFileName(testFilePath), Path.GetDirectoryName(Path.GetFullPath(testFilePath)), policies, entities, schema, shouldValidate, requests);
    }

    /// <summary>
    /// Finds a file named in the test: relative to <paramref name="currentDirectory"/> (the process's current
    /// directory when null) first, then to the test file's directory and then its ancestors. Returns its full path.
    /// </summary>
    public string ResolveFile(string name, string? currentDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Path.IsPathRooted(name))
        {
            return Path.GetFullPath(name);
        }

        var current = Path.GetFullPath(currentDirectory ?? Directory.GetCurrentDirectory());
        var candidate = Path.Combine(current, name);
        if (File.Exists(candidate))
        {
            return Path.GetFullPath(candidate);
        }

        for (var dir = TestDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new FileNotFoundException(
            TestDirectory is null
                ? $"file `{name}` named by test {Name} was not found in {current}"
                : $"file `{name}` named by test {Name} was found neither in {current} nor in {TestDirectory} or a folder above it",
            name);
    }

    private static IntegrationTestRequest ParseRequest(JsonElement request, int index)
    {
        var description = First(request, "description", "desc") is { ValueKind: JsonValueKind.String } d ? d.GetString()! : "request " + index;
        // A missing or misspelt decision is an error, not an expected deny: a typo must not make a test pass.
        var decisionText = First(request, "decision") is { ValueKind: JsonValueKind.String } dec ? dec.GetString()! : null;
        var decision = string.Equals(decisionText, "allow", StringComparison.OrdinalIgnoreCase) ? Decision.Allow
            : string.Equals(decisionText, "deny", StringComparison.OrdinalIgnoreCase) ? Decision.Deny
            : throw new CedarJsonException($"request \"{description}\" needs \"decision\": \"allow\" or \"deny\"" + (decisionText is null ? "" : $", not \"{decisionText}\""));
        var validate = !(request.TryGetProperty("validateRequest", out var vr) && vr.ValueKind == JsonValueKind.False);
        var reasons = PolicyIds(First(request, "reason", "reasons"));
        var errors = PolicyIds(First(request, "errors", "errorPolicies", "errorPolicyIds"));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var key in (string[])["principal", "action", "resource", "context"])
            {
                if (request.TryGetProperty(key, out var value))
                {
                    writer.WritePropertyName(key);
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return new IntegrationTestRequest(description, System.Text.Encoding.UTF8.GetString(buffer.ToArray()), validate, decision, reasons, errors);
    }

    private static List<string> PolicyIds(JsonElement? element)
    {
        var ids = new List<string>();
        if (element is not { ValueKind: JsonValueKind.Array } array)
        {
            return ids;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                ids.Add(item.GetString()!);
            }
            else if (item.ValueKind == JsonValueKind.Object && First(item, "policyId", "policy_id", "id") is { ValueKind: JsonValueKind.String } id)
            {
                ids.Add(id.GetString()!);
            }
        }

        return ids;
    }

    private static JsonElement? First(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new CedarJsonException("integration test is missing the string field `" + name + "`");
}
