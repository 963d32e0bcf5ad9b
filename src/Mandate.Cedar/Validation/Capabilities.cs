namespace Mandate.Cedar.Validation;

/// <summary>
/// What is known to be present when an expression is true: attributes after <c>e has a</c> and tags after
/// <c>e.hasTag(k)</c>. Expressions are identified by their printed form, so equal expressions share facts.
/// </summary>
internal sealed class Capabilities
{
    public static readonly Capabilities Empty = new([]);

    private readonly HashSet<string> _facts;

    private Capabilities(HashSet<string> facts)
    {
        _facts = facts;
    }

    public static Capabilities Of(string fact) => new(new HashSet<string>(StringComparer.Ordinal) { fact });

    public bool Contains(string fact) => _facts.Contains(fact);

    public Capabilities Union(Capabilities other)
    {
        if (other._facts.Count == 0 || ReferenceEquals(this, other))
        {
            return this;
        }

        if (_facts.Count == 0)
        {
            return other;
        }

        var set = new HashSet<string>(_facts, StringComparer.Ordinal);
        set.UnionWith(other._facts);
        return new Capabilities(set);
    }

    public Capabilities Intersect(Capabilities other)
    {
        if (_facts.Count == 0 || other._facts.Count == 0)
        {
            return Empty;
        }

        var set = new HashSet<string>(_facts, StringComparer.Ordinal);
        set.IntersectWith(other._facts);
        return set.Count == 0 ? Empty : new Capabilities(set);
    }
}
