using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mandate.Core.Audit.Internal;

/// <summary>The <see cref="JsonNode"/> side of <see cref="JcsEmitter"/>: nodes built in code, with CLR-typed values.</summary>
internal sealed partial class JcsEmitter
{
    public bool TryWrite(JsonNode? node, int depth, [NotNullWhen(false)] out string? error)
    {
        switch (node)
        {
            case null:
                _text.Append("null");
                error = null;
                return true;
            case JsonObject obj:
                return TryWriteObject(obj, depth, out error);
            case JsonArray array:
                if (!TryEnter(depth, out error))
                {
                    return false;
                }

                _text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        _text.Append(',');
                    }

                    if (!TryWrite(array[i], depth + 1, out error))
                    {
                        return false;
                    }
                }

                _text.Append(']');
                return true;
            case JsonValue value:
                return TryWriteValue(value, depth, out error);
            default:
                error = "unsupported JSON node";
                return false;
        }
    }

    private bool TryWriteValue(JsonValue value, int depth, [NotNullWhen(false)] out string? error)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return TryWrite(element, depth, out error);
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String when value.TryGetValue<string>(out var text):
                return TryWriteString(text, out error);
            case JsonValueKind.Number when value.TryGetValue<double>(out var number):
                return TryWriteNumber(number, out error);
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Null:
                break;
            case JsonValueKind.Number:
            case JsonValueKind.String:
                // Other CLR primitives (long, decimal, Guid, DateTimeOffset...): serialize with their own
                // converter and canonicalize that text, so the bytes follow from the JSON, not the CLR type.
                return TryWriteSerialized(value, depth, out error);
            default:
                error = "unsupported JSON value";
                return false;
        }

        _text.Append(value.GetValueKind() switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        });
        error = null;
        return true;
    }

    private bool TryWriteSerialized(JsonValue value, int depth, [NotNullWhen(false)] out string? error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var writer = new Utf8JsonWriter(buffer);
            value.WriteTo(writer);
        }
        catch (ArgumentException)
        {
            error = "number is NaN or Infinity";
            return false;
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return TryWrite(document.RootElement, depth, out error);
    }

    private bool TryWriteObject(JsonObject obj, int depth, [NotNullWhen(false)] out string? error)
    {
        if (!TryEnter(depth, out error))
        {
            return false;
        }

        var members = new List<KeyValuePair<string, JsonNode?>>(obj);
        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        _text.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            if (!TryWriteString(members[i].Key, out error))
            {
                return false;
            }

            _text.Append(':');
            if (!TryWrite(members[i].Value, depth + 1, out error))
            {
                return false;
            }
        }

        _text.Append('}');
        return true;
    }
}
