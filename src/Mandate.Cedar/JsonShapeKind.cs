namespace Mandate.Cedar;

public enum JsonShapeKind
{
    /// <summary>No expectation: the value is read from its JSON form alone.</summary>
    Any,
    Bool,
    Long,
    String,
    Entity,
    Extension,
    Set,
    Record,
}
