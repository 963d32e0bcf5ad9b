using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

/// <summary>
/// The result of typechecking one expression: its type (null when none could be given), whether it
/// typechecked, and the capabilities it grants when true. A failed answer grants nothing.
/// </summary>
internal readonly record struct TypeAnswer
{
    public TypeAnswer(CedarType? type, bool ok, Capabilities? capabilities = null)
    {
        Type = type;
        Ok = ok && type is not null;
        Capabilities = Ok ? capabilities ?? Capabilities.Empty : Capabilities.Empty;
    }

    public CedarType? Type { get; }

    public bool Ok { get; }

    public Capabilities Capabilities { get; }

    public static TypeAnswer Success(CedarType type, Capabilities? capabilities = null) => new(type, true, capabilities);

    public static TypeAnswer Fail(CedarType? type = null) => new(type, false);
}
