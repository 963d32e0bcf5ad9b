using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Mandate.Cedar.Json;

/// <summary>
/// Line and column of values in a JSON document parsed from <see cref="Utf8"/>. <see cref="JsonDocument"/> keeps
/// slices of the buffer it was given, so a value's raw bytes lie inside it and their offset is its position; the
/// line and column are only counted when an error needs them.
/// </summary>
internal sealed class JsonPositions(ReadOnlyMemory<byte> utf8)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    /// <summary>Where the value starts (its quote, brace or first digit); (0, 0) if it is not in the buffer.</summary>
    public (int Line, int Column) Of(JsonElement value) => At(JsonMarshal.GetRawUtf8Value(value), 0);

    /// <summary>Where the member's name is written (its opening quote).</summary>
    public (int Line, int Column) OfName(JsonProperty member) => At(JsonMarshal.GetRawUtf8PropertyName(member), 1);

    private (int Line, int Column) At(ReadOnlySpan<byte> raw, int back)
    {
        var all = Utf8.Span;
        if (raw.IsEmpty || !all.Overlaps(raw, out var offset) || offset < back)
        {
            return (0, 0);
        }

        var before = all[..(offset - back)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }
}
