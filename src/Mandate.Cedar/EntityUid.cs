namespace Mandate.Cedar;

/// <summary>
/// An entity reference such as <c>Photos::User::"alice"</c>: a (possibly namespaced) type and an id.
/// The type is held in its canonical spelling, path segments joined by <c>::</c>.
/// </summary>
public sealed class EntityUid : CedarValue
{
    private readonly int _hash;

    public EntityUid(string type, string id)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(id);
        Type = type;
        Id = id;
        _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(type), StringComparer.Ordinal.GetHashCode(id));
    }

    public string Type { get; }

    public string Id { get; }

    public override ValueKind Kind => ValueKind.Entity;

    public override string TypeName => "(entity of type `" + Type + "`)";

    /// <summary>True when this is an action entity (its type's last path segment is <c>Action</c>).</summary>
    public bool IsAction => Type == "Action" || Type.EndsWith("::Action", StringComparison.Ordinal);

    public override bool Equals(CedarValue? other) =>
        other is EntityUid e && (ReferenceEquals(this, e) || (e._hash == _hash
            && string.Equals(e.Id, Id, StringComparison.Ordinal)
            && string.Equals(e.Type, Type, StringComparison.Ordinal)));

    public override int GetHashCode() => _hash;

    public override string ToString() => Type + "::" + Parsing.CedarText.Quote(Id);
}
