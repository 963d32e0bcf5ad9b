namespace Mandate.Cedar.Tests.Differential;

/// <summary>The value types the generator aims expressions at (sets are split by element type).</summary>
internal enum Kind
{
    Bool,
    Long,
    String,
    Entity,
    StringSet,
    LongSet,
    EntitySet,
    Record,
    Ip,
    Decimal,
    DateTime,
    Duration,
}
