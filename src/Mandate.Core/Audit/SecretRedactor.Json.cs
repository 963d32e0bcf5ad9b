using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

public sealed partial class SecretRedactor
{
    // A field is secret by name when its name, lower-cased without separators, ends with one of these.
    private static readonly string[] SecretKeySuffixes =
    [
        "password", "passwords", "passwd", "passphrase", "secret", "secrets", "token", "apikey", "apikeys",
        "accesskey", "privatekey", "credential", "credentials", "authorization", "cookie",
    ];

    /// <summary>
    /// A redacted deep copy of <paramref name="record"/>: every string value and member name goes through
    /// <see cref="RedactString"/>, and scalar values of fields named like secrets (<c>password</c>,
    /// <c>github_token</c>, <c>apiKey</c>...) are replaced whole. The input is not modified.
    /// </summary>
    public JsonNode? Redact(JsonNode? record, int maxDepth = 64) => RedactNode(record, 0, maxDepth);

    /// <summary>True when a member named <paramref name="name"/> holds a secret by convention.</summary>
    public static bool IsSecretFieldName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Only the end of the name decides, so a bounded tail is enough.
        var tail = name.AsSpan(Math.Max(0, name.Length - 64));
        Span<char> normalized = stackalloc char[tail.Length];
        var length = 0;
        foreach (var c in tail)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                normalized[length++] = char.ToLowerInvariant(c);
            }
        }

        var key = normalized[..length];
        foreach (var suffix in SecretKeySuffixes)
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private JsonNode? RedactNode(JsonNode? node, int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            throw new ArgumentException($"The record is nested deeper than {maxDepth} levels.", nameof(node));
        }

        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    var redactedValue = IsSecretFieldName(name)
                        ? RedactSecretField(value, depth + 1, maxDepth)
                        : RedactNode(value, depth + 1, maxDepth);
                    copy[RedactString(name)] = redactedValue;
                }

                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(RedactNode(item, depth + 1, maxDepth));
                }

                return items;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && TryGetString(value, out var text):
                return JsonValue.Create(RedactString(text));
            default:
                return node.DeepClone();
        }
    }

    // Under a secret-named field every scalar is a secret, also inside arrays ("api_keys": [...]);
    // objects are still walked member by member, their own names deciding.
    private JsonNode? RedactSecretField(JsonNode? value, int depth, int maxDepth)
    {
        switch (value)
        {
            case JsonValue scalar:
                return RedactWhole(scalar);
            case JsonArray array:
                if (depth > maxDepth)
                {
                    throw new ArgumentException($"The record is nested deeper than {maxDepth} levels.", nameof(value));
                }

                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(RedactSecretField(item, depth + 1, maxDepth));
                }

                return items;
            default:
                return RedactNode(value, depth, maxDepth);
        }
    }

    private JsonNode RedactWhole(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String when TryGetString(value, out var text):
                return JsonValue.Create(text.Length == 0 || IsRedacted(text) ? text : Hmac(text));
            case JsonValueKind.Number:
                return JsonValue.Create(Hmac(value.ToJsonString()));
            default:
                return value.DeepClone(); // true, false, null carry no secret
        }
    }

    private static bool TryGetString(JsonValue value, out string text)
    {
        if (value.TryGetValue<string>(out var s))
        {
            text = s;
            return true;
        }

        if (value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.String)
        {
            text = element.GetString()!;
            return true;
        }

        text = value.ToJsonString().Trim('"');
        return true;
    }
}
