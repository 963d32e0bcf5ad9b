using System.Text;

namespace Mandate.Cedar;

/// <summary>A Cedar set: unordered, without duplicates.</summary>
public sealed class SetValue : CedarValue
{
    public static readonly SetValue Empty = new([]);

    private const int HashThreshold = 8;
    private readonly CedarValue[] _items;
    private HashSet<CedarValue>? _lookup;
    private int _hash;

    private SetValue(CedarValue[] distinctItems)
    {
        _items = distinctItems;
    }

    public override ValueKind Kind => ValueKind.Set;

    public int Count => _items.Length;

    public IReadOnlyList<CedarValue> Items => _items;

    /// <summary>Builds a set, dropping duplicates.</summary>
    public static SetValue Create(IEnumerable<CedarValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = new List<CedarValue>();
        HashSet<CedarValue>? seen = null;
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (list.Count < HashThreshold)
            {
                if (!ContainsLinear(list, item))
                {
                    list.Add(item);
                }

                continue;
            }

            seen ??= new HashSet<CedarValue>(list);
            if (seen.Add(item))
            {
                list.Add(item);
            }
        }

        return list.Count == 0 ? Empty : new SetValue([.. list]);
    }

    internal static SetValue FromDistinct(CedarValue[] items) => items.Length == 0 ? Empty : new SetValue(items);

    public bool Contains(CedarValue value)
    {
        if (_items.Length <= HashThreshold)
        {
            foreach (var item in _items)
            {
                if (item.Equals(value))
                {
                    return true;
                }
            }

            return false;
        }

        _lookup ??= new HashSet<CedarValue>(_items);
        return _lookup.Contains(value);
    }

    /// <summary>True when every element of <paramref name="other"/> is in this set.</summary>
    public bool ContainsAll(SetValue other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var item in other._items)
        {
            if (!Contains(item))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the sets share at least one element.</summary>
    public bool ContainsAny(SetValue other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var item in other._items)
        {
            if (Contains(item))
            {
                return true;
            }
        }

        return false;
    }

    public override bool Equals(CedarValue? other) =>
        other is SetValue s && (ReferenceEquals(s, this) || (s._items.Length == _items.Length && ContainsAll(s)));

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = 0x5e7;
            foreach (var item in _items)
            {
                h ^= item.GetHashCode();
            }

            _hash = h == 0 ? 1 : h;
        }

        return _hash;
    }

    public override string ToString()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < _items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_items[i]);
        }

        return sb.Append(']').ToString();
    }

    private static bool ContainsLinear(List<CedarValue> list, CedarValue item)
    {
        foreach (var existing in list)
        {
            if (existing.Equals(item))
            {
                return true;
            }
        }

        return false;
    }
}
