using System.Text.Json;
using Mandate.Cedar.Extensions;

namespace Mandate.Cedar.Json;

/// <summary>Reads Cedar values and entity references from JSON (the entities/context format), without reflection.</summary>
internal static class CedarJson
{
    public const int MaxDepth = 256;

    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    /// <summary>Output for tools and files, not HTML: keep non-ASCII text and quotes readable.</summary>
    public static readonly JsonWriterOptions CompactWriter = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 4096 };

    public static readonly JsonWriterOptions IndentedWriter = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 4096, Indented = true };

    /// <summary>Policy JSON nests two levels per expression level, so it is allowed deeper than data.</summary>
    public static readonly JsonDocumentOptions PolicyDocumentOptions = new()
    {
        MaxDepth = (2 * Parsing.Parser.MaxExpressionDepth) + 16,
    };

    /// <summary>Reads <c>{"type": "T", "id": "i"}</c> or <c>{"__entity": {"type": "T", "id": "i"}}</c>.</summary>
    public static EntityUid ReadUid(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CedarJsonException(where + ": expected an entity reference object, found " + element.ValueKind);
        }

        if (element.TryGetProperty("__entity", out var inner))
        {
            return ReadUid(inner, where);
        }

        if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new CedarJsonException(where + ": an entity reference needs string fields `type` and `id`");
        }

        return new EntityUid(NormalizeType(type.GetString()!), id.GetString()!);
    }

    public static CedarValue ReadValue(JsonElement element, JsonShape? shape, string where)
    {
        shape ??= JsonShape.Any;
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return BoolValue.True;
            case JsonValueKind.False:
                return BoolValue.False;
            case JsonValueKind.Number:
                if (!element.TryGetInt64(out var n))
                {
                    throw new CedarJsonException(where + ": `" + element.GetRawText() + "` is not a 64-bit integer");
                }

                return LongValue.Of(n);
            case JsonValueKind.String:
                var s = element.GetString()!;
                return shape.Kind == JsonShapeKind.Extension ? Construct(shape.Name!, [new StringValue(s)], where) : new StringValue(s);
            case JsonValueKind.Array:
                var items = new List<CedarValue>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(ReadValue(item, shape.Kind == JsonShapeKind.Set ? shape.Element : null, where));
                }

                return SetValue.Create(items);
            case JsonValueKind.Object:
                return ReadObject(element, shape, where);
            default:
                throw new CedarJsonException(where + ": " + element.ValueKind + " is not a Cedar value");
        }
    }

    public static RecordValue ReadRecord(JsonElement element, JsonShape? shape, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CedarJsonException(where + ": expected a JSON object");
        }

        var map = new Dictionary<string, CedarValue>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            JsonShape? attributeShape = null;
            shape?.Attributes?.TryGetValue(property.Name, out attributeShape);
            if (!map.TryAdd(property.Name, ReadValue(property.Value, attributeShape, where + "." + property.Name)))
            {
                throw new CedarJsonException(where + ": duplicate key `" + property.Name + "`");
            }
        }

        return map.Count == 0 ? RecordValue.Empty : RecordValue.Wrap(map);
    }

    /// <summary>Cedar type names may be written with spaces around <c>::</c> in policies; JSON holds them compact.</summary>
    public static string NormalizeType(string type) => type.Contains(' ', StringComparison.Ordinal) ? type.Replace(" ", string.Empty, StringComparison.Ordinal) : type;

    private static CedarValue ReadObject(JsonElement element, JsonShape shape, string where)
    {
        if (element.TryGetProperty("__entity", out _))
        {
            return ReadUid(element, where);
        }

        if (element.TryGetProperty("__extn", out var extn))
        {
            return ReadExtension(extn, where);
        }

        if (shape.Kind == JsonShapeKind.Entity && element.TryGetProperty("type", out _) && element.TryGetProperty("id", out _))
        {
            return ReadUid(element, where);
        }

        if (shape.Kind == JsonShapeKind.Extension && element.TryGetProperty("fn", out _))
        {
            return ReadExtension(element, where);
        }

        return ReadRecord(element, shape.Kind == JsonShapeKind.Record ? shape : null, where);
    }

    /// <summary>Reads <c>{"fn": "ip", "arg": "10.0.0.1"}</c> or <c>{"fn": "offset", "args": [..]}</c> and evaluates the call.</summary>
    private static CedarValue ReadExtension(JsonElement extn, string where)
    {
        if (extn.ValueKind != JsonValueKind.Object || !extn.TryGetProperty("fn", out var fn) || fn.ValueKind != JsonValueKind.String)
        {
            throw new CedarJsonException(where + ": `__extn` needs a string field `fn`");
        }

        var args = new List<CedarValue>();
        if (extn.TryGetProperty("arg", out var arg))
        {
            args.Add(ReadValue(arg, null, where));
        }
        else if (extn.TryGetProperty("args", out var argList) && argList.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in argList.EnumerateArray())
            {
                args.Add(ReadValue(a, null, where));
            }
        }
        else
        {
            throw new CedarJsonException(where + ": `__extn` needs `arg` or `args`");
        }

        return Construct(fn.GetString()!, [.. args], where);
    }

    private static CedarValue Construct(string name, CedarValue[] args, string where)
    {
        var function = name switch
        {
            "ipaddr" => "ip",
            _ => name,
        };
        if (!ExtensionFunctions.TryGet(function, out var f))
        {
            throw new CedarJsonException(where + ": unknown extension function `" + name + "`");
        }

        return f.Invoke(args, out var error) ?? throw new CedarJsonException(where + ": " + error);
    }
}
