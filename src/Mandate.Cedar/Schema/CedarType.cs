using System.Text;

namespace Mandate.Cedar.Schema;

/// <summary>
/// A Cedar type as schemas declare it and the validator infers it: primitives, the singleton booleans
/// <c>True</c>/<c>False</c>, entity types, sets, records (open or closed) and extension types.
/// Types compare structurally.
/// </summary>
public sealed class CedarType : IEquatable<CedarType>
{
    // Declared first: the instances below use it while the type initializes.
    private static readonly Dictionary<string, AttributeType> NoAttributes = new(StringComparer.Ordinal);

    public static readonly CedarType Never = new(CedarTypeKind.Never);
    public static readonly CedarType Bool = new(CedarTypeKind.Bool);
    public static readonly CedarType True = new(CedarTypeKind.True);
    public static readonly CedarType False = new(CedarTypeKind.False);
    public static readonly CedarType Long = new(CedarTypeKind.Long);
    public static readonly CedarType String = new(CedarTypeKind.String);
    public static readonly CedarType AnyEntity = new(CedarTypeKind.AnyEntity);

    /// <summary>Any set (element type unknown); only used as an expectation.</summary>
    public static readonly CedarType AnySet = new(CedarTypeKind.Set);

    /// <summary>Any record (open, no known attributes); only used as an expectation.</summary>
    public static readonly CedarType AnyRecord = new(CedarTypeKind.Record, attributes: new Dictionary<string, AttributeType>(StringComparer.Ordinal), open: true);

    private CedarType(CedarTypeKind kind, string? name = null, CedarType? element = null, IReadOnlyDictionary<string, AttributeType>? attributes = null, bool open = false)
    {
        Kind = kind;
        Name = name;
        Element = element;
        Attributes = attributes ?? NoAttributes;
        IsOpen = open;
    }

    public CedarTypeKind Kind { get; }

    /// <summary>The entity type name or the extension type name.</summary>
    public string? Name { get; }

    /// <summary>The element type of a set; null for <see cref="AnySet"/>.</summary>
    public CedarType? Element { get; }

    /// <summary>The attributes of a record type (empty for other kinds).</summary>
    public IReadOnlyDictionary<string, AttributeType> Attributes { get; }

    /// <summary>A record type that may have attributes besides those listed.</summary>
    public bool IsOpen { get; }

    public bool IsBoolean => Kind is CedarTypeKind.Bool or CedarTypeKind.True or CedarTypeKind.False;

    public static CedarType Entity(string entityType) => new(CedarTypeKind.Entity, entityType);

    public static CedarType Extension(string name) => new(CedarTypeKind.Extension, name);

    public static CedarType SetOf(CedarType element) => new(CedarTypeKind.Set, element: element);

    public static CedarType Record(IReadOnlyDictionary<string, AttributeType> attributes, bool open = false) =>
        new(CedarTypeKind.Record, attributes: attributes, open: open);

    public static CedarType Singleton(bool value) => value ? True : False;

    public bool Equals(CedarType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind || other.IsOpen != IsOpen
            || !string.Equals(other.Name, Name, StringComparison.Ordinal)
            || !Equals(other.Element, Element) || other.Attributes.Count != Attributes.Count)
        {
            return false;
        }

        foreach (var (key, value) in Attributes)
        {
            if (!other.Attributes.TryGetValue(key, out var o) || o.IsRequired != value.IsRequired || !o.Type.Equals(value.Type))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is CedarType t && Equals(t);

    public override int GetHashCode() => HashCode.Combine(Kind, Name, Attributes.Count);

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    private void Write(StringBuilder sb)
    {
        switch (Kind)
        {
            case CedarTypeKind.Entity:
            case CedarTypeKind.Extension:
                sb.Append(Name);
                break;
            case CedarTypeKind.AnyEntity:
                sb.Append("(any entity)");
                break;
            case CedarTypeKind.Set:
                sb.Append("Set<");
                if (Element is null)
                {
                    sb.Append('_');
                }
                else
                {
                    Element.Write(sb);
                }

                sb.Append('>');
                break;
            case CedarTypeKind.Record:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    sb.Append(first ? " " : ", ").Append(Parsing.CedarText.Quote(key)).Append(value.IsRequired ? ": " : "?: ");
                    value.Type.Write(sb);
                    first = false;
                }

                sb.Append(first ? "}" : " }");
                break;
            case CedarTypeKind.True:
                sb.Append("__cedar::true");
                break;
            case CedarTypeKind.False:
                sb.Append("__cedar::false");
                break;
            default:
                sb.Append(Kind);
                break;
        }
    }
}
