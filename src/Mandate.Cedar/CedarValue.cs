namespace Mandate.Cedar;

/// <summary>
/// A Cedar value: bool, long, string, entity reference, set, record or extension value.
/// Values are immutable and compare structurally (sets as sets, records by key).
/// </summary>
public abstract class CedarValue : IEquatable<CedarValue>
{
    private protected CedarValue()
    {
    }

    public abstract ValueKind Kind { get; }

    /// <summary>The type name used in error messages (for example <c>Long</c> or <c>decimal</c>).</summary>
    public virtual string TypeName => Kind.ToString();

    public abstract bool Equals(CedarValue? other);

    public override bool Equals(object? obj) => obj is CedarValue v && Equals(v);

    public abstract override int GetHashCode();

    /// <summary>Cedar source text for the value (entity references and literals as a policy would write them).</summary>
    public abstract override string ToString();
}
