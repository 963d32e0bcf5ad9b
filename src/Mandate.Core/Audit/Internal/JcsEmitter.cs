using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Mandate.Core.Audit.Internal;

/// <summary>Writes one JSON value in RFC 8785 form. Each failure names the rule broken, never the data.</summary>
internal sealed partial class JcsEmitter
{
    public const int MaxDepth = 64;

    private readonly StringBuilder _text = new();

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_text.ToString());

    public bool TryWrite(JsonElement element, int depth, [NotNullWhen(false)] out string? error)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return TryWriteObject(element, depth, out error);
            case JsonValueKind.Array:
                if (!TryEnter(depth, out error))
                {
                    return false;
                }

                _text.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        _text.Append(',');
                    }

                    first = false;
                    if (!TryWrite(item, depth + 1, out error))
                    {
                        return false;
                    }
                }

                _text.Append(']');
                return true;
            case JsonValueKind.String:
                return TryReadString(element, out var text, out error) && TryWriteString(text, out error);
            case JsonValueKind.Number:
                return TryWriteNumber(element.TryGetDouble(out var number) ? number : double.NaN, out error);
            case JsonValueKind.True:
                _text.Append("true");
                break;
            case JsonValueKind.False:
                _text.Append("false");
                break;
            case JsonValueKind.Null:
                _text.Append("null");
                break;
            default:
                error = "undefined JSON value";
                return false;
        }

        error = null;
        return true;
    }

    private bool TryWriteObject(JsonElement element, int depth, [NotNullWhen(false)] out string? error)
    {
        if (!TryEnter(depth, out error))
        {
            return false;
        }

        var members = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                error = "member name is not valid Unicode (lone surrogate or invalid UTF-8)";
                return false;
            }

            members.Add(new(name, property.Value));
        }

        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        _text.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Key, members[i].Key, StringComparison.Ordinal))
                {
                    error = "an object has a duplicate member name";
                    return false;
                }

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

    private static bool TryEnter(int depth, [NotNullWhen(false)] out string? error)
    {
        error = depth >= MaxDepth ? $"nesting deeper than {MaxDepth} levels" : null;
        return error is null;
    }

    private static bool TryReadString(JsonElement element, out string text, [NotNullWhen(false)] out string? error)
    {
        try
        {
            text = element.GetString()!;
            error = null;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            error = "string is not valid Unicode (lone surrogate or invalid UTF-8)";
            return false;
        }
    }

    private bool TryWriteNumber(double value, [NotNullWhen(false)] out string? error)
    {
        if (!double.IsFinite(value))
        {
            error = "number is NaN, Infinity or outside the IEEE-754 double range";
            return false;
        }

        _text.Append(JcsNumberFormatter.Format(value));
        error = null;
        return true;
    }

    // RFC 8785 §3.2.2.2: ECMAScript JSON.stringify quoting, with lone surrogates refused (I-JSON).
    private bool TryWriteString(string value, [NotNullWhen(false)] out string? error)
    {
        _text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '\b':
                    _text.Append("\\b");
                    break;
                case '\f':
                    _text.Append("\\f");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                case '\r':
                    _text.Append("\\r");
                    break;
                case '\t':
                    _text.Append("\\t");
                    break;
                case < ' ':
                    _text.Append("\\u00").Append(HexLower((c >> 4) & 0xF)).Append(HexLower(c & 0xF));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        _text.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        error = "string contains a lone surrogate";
                        return false;
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
        error = null;
        return true;
    }

    private static char HexLower(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
