using System.Text;

namespace Mandate.Cedar;

/// <summary>A Cedar record: a map from attribute names to values.</summary>
public sealed class RecordValue : CedarValue
{
    public static readonly RecordValue Empty = new(new Dictionary<string, CedarValue>(StringComparer.Ordinal));

    private readonly Dictionary<string, CedarValue> _attributes;
    private int _hash;

    private RecordValue(Dictionary<string, CedarValue> attributes)
    {
        _attributes = attributes;
    }

    public override ValueKind Kind => ValueKind.Record;

    public IReadOnlyDictionary<string, CedarValue> Attributes => _attributes;

    public int Count => _attributes.Count;

    public static RecordValue Create(IEnumerable<KeyValuePair<string, CedarValue>> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var map = new Dictionary<string, CedarValue>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            ArgumentNullException.ThrowIfNull(value);
            map[key] = value;
        }

        return map.Count == 0 ? Empty : new RecordValue(map);
    }

    /// <summary>Takes ownership of <paramref name="attributes"/>; the caller must not change it afterwards.</summary>
    internal static RecordValue Wrap(Dictionary<string, CedarValue> attributes) => new(attributes);

    public bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CedarValue? value) =>
        _attributes.TryGetValue(name, out value);

    public bool ContainsKey(string name) => _attributes.ContainsKey(name);

    public override bool Equals(CedarValue? other)
    {
        if (other is not RecordValue r || r._attributes.Count != _attributes.Count)
        {
            return false;
        }

        foreach (var (key, value) in _attributes)
        {
            if (!r._attributes.TryGetValue(key, out var v) || !v.Equals(value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = 0x2ec;
            foreach (var (key, value) in _attributes)
            {
                h ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value.GetHashCode());
            }

            _hash = h == 0 ? 1 : h;
        }

        return _hash;
    }

    public override string ToString()
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var key in _attributes.Keys.Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            sb.Append(Parsing.CedarText.Quote(key)).Append(": ").Append(_attributes[key]);
        }

        return sb.Append('}').ToString();
    }
}
