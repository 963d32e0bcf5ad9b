using System.Text.Json;

namespace Mandate.Agents.Hooks.Internal;

/// <summary>
/// Typed reads from a hook payload that record every wrong type instead of stopping at the first,
/// so one failure names all that was wrong.
/// </summary>
internal sealed class PayloadReader
{
    private static readonly JsonDocumentOptions EmbeddedOptions = new() { MaxDepth = HookParser.MaxDepth, AllowDuplicateProperties = false };
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>A string member; absent or null is null; any other type is a problem.</summary>
    public string? String(JsonElement obj, string name, string where = "")
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        _problems.Add($"{where}{name} must be a string, not {Describe(value)}");
        return null;
    }

    /// <summary>The first of several names that is present, read as <see cref="String"/>.</summary>
    public string? FirstString(JsonElement obj, string where, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (TryGet(obj, name, out _))
            {
                return String(obj, name, where);
            }
        }

        return null;
    }

    /// <summary>A string member where any other type is ignored (fields no decision depends on).</summary>
    public static string? Lenient(JsonElement obj, string name) =>
        TryGet(obj, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An array of strings (a single string is taken as a one-element list).</summary>
    public IReadOnlyList<string> Strings(JsonElement obj, string name, string where = "")
    {
        if (!TryGet(obj, name, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add($"{where}{name} must be an array of strings, not {Describe(value)}");
            return [];
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                _problems.Add($"{where}{name} must be an array of strings, but holds {Describe(item)}");
                return [];
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    /// <summary>
    /// An object member. Absent or null is an empty object. With <paramref name="allowJsonString"/>, a string holding a
    /// JSON object is accepted too (Cursor's MCP tool_input and Copilot's toolArgs come either way).
    /// </summary>
    public JsonElement Object(JsonElement obj, string name, bool allowJsonString, string where = "")
    {
        if (!TryGet(obj, name, out var value))
        {
            return Empty;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        if (allowJsonString && value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (text.Trim().Length == 0)
            {
                return Empty;
            }

            try
            {
                using var document = JsonDocument.Parse(text, EmbeddedOptions);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return document.RootElement.Clone();
                }

                _problems.Add($"{where}{name} is a string holding {Describe(document.RootElement)}, not a JSON object");
            }
            catch (JsonException e)
            {
                _problems.Add($"{where}{name} is a string that is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
            }

            return Empty;
        }

        _problems.Add($"{where}{name} must be an object, not {Describe(value)}");
        return Empty;
    }

    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public static JsonElement Empty { get; } = CreateEmpty();

    private static JsonElement CreateEmpty()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
