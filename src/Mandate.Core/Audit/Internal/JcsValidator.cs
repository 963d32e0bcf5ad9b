using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Mandate.Core.Audit.Internal;

/// <summary>
/// Decides "is this already RFC 8785 canonical?" in one streaming pass, without building the
/// canonical copy: no whitespace, members strictly ascending by UTF-16 code units (so no duplicates),
/// only the escapes JCS writes, numbers exactly as ECMAScript prints them, valid UTF-8.
/// Verifying a stored log calls this once per record, so it avoids the document model.
/// </summary>
internal static class JcsValidator
{
    private static readonly JsonReaderOptions Strict = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = JcsEmitter.MaxDepth,
    };

    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.IsEmpty || !Utf8.IsValid(utf8Json))
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8Json, Strict);
        var lastNames = new List<string?>();
        long end = 0;
        try
        {
            while (reader.Read())
            {
                if (!IsSeparatorGap(utf8Json, end, reader.TokenStartIndex))
                {
                    return false;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        lastNames.Add(null);
                        break;
                    case JsonTokenType.EndObject:
                        lastNames.RemoveAt(lastNames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        var previous = lastNames[^1];
                        if (!IsCanonicalString(reader) || (previous is not null && string.CompareOrdinal(previous, name) >= 0))
                        {
                            return false;
                        }

                        // The reader swallows the ':' (and any whitespace before it) with the name.
                        var colon = reader.TokenStartIndex + reader.ValueSpan.Length + 2;
                        if (reader.BytesConsumed != colon + 1 || utf8Json[(int)colon] != (byte)':')
                        {
                            return false;
                        }

                        lastNames[^1] = name;
                        break;
                    case JsonTokenType.String:
                        if (!IsCanonicalString(reader))
                        {
                            return false;
                        }

                        break;
                    case JsonTokenType.Number:
                        if (!IsCanonicalNumber(reader.ValueSpan))
                        {
                            return false;
                        }

                        break;
                }

                end = reader.BytesConsumed;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // a name that is not valid UTF-16 (escaped lone surrogate)
        }

        return end == utf8Json.Length;
    }

    // Between two tokens canonical JSON has nothing, one ',' or one ':' — never whitespace.
    private static bool IsSeparatorGap(ReadOnlySpan<byte> json, long end, long start)
    {
        var gap = start - end;
        return gap == 0 || (gap == 1 && json[(int)end] is (byte)',' or (byte)':');
    }

    private static bool IsCanonicalString(Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return true; // the reader refuses raw control characters, quotes and backslashes
        }

        var raw = reader.ValueSpan;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            var escape = raw[++i];
            if (escape is (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                continue;
            }

            // Only \u00xx (lowercase hex) for a control character without a short form.
            if (escape != (byte)'u' || raw[i + 1] != (byte)'0' || raw[i + 2] != (byte)'0'
                || raw[i + 3] is not ((byte)'0' or (byte)'1') || !IsLowerHex(raw[i + 4]))
            {
                return false;
            }

            var code = ((raw[i + 3] - '0') << 4) | HexValue(raw[i + 4]);
            if (code is '\b' or '\f' or '\n' or '\r' or '\t')
            {
                return false;
            }

            i += 4;
        }

        return true;
    }

    private static bool IsCanonicalNumber(ReadOnlySpan<byte> text)
    {
        // Fast path: a plain integer of up to 15 digits is exact in a double and prints as itself.
        var digits = text.Length > 0 && text[0] == (byte)'-' ? text[1..] : text;
        if (digits.Length is > 0 and <= 15 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return digits[0] != (byte)'0' || (digits.Length == 1 && text.Length == 1);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return false;
        }

        Span<byte> formatted = stackalloc byte[32];
        var length = Encoding.ASCII.GetBytes(JcsNumberFormatter.Format(value), formatted);
        return text.SequenceEqual(formatted[..length]);
    }

    private static bool IsLowerHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f');

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : b - 'a' + 10;
}
