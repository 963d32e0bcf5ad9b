namespace Mandate.Cedar;

/// <summary>The runtime type of a Cedar value.</summary>
public enum ValueKind
{
    Bool,
    Long,
    String,
    Entity,
    Set,
    Record,
    Extension,
}
