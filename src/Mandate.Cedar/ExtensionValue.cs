namespace Mandate.Cedar;

/// <summary>A value of an extension type: <c>ipaddr</c>, <c>decimal</c>, <c>datetime</c> or <c>duration</c>.</summary>
public abstract class ExtensionValue : CedarValue
{
    private protected ExtensionValue()
    {
    }

    public override ValueKind Kind => ValueKind.Extension;

    /// <summary>The extension type name (<c>ipaddr</c>, <c>decimal</c>, <c>datetime</c>, <c>duration</c>).</summary>
    public abstract string ExtensionName { get; }

    public override string TypeName => ExtensionName;

    /// <summary>True when <c>&lt;</c> and <c>&lt;=</c> apply to values of this type (datetime and duration).</summary>
    internal virtual bool SupportsOperators => false;

    /// <summary>Orders two values of the same extension type; only called when <see cref="SupportsOperators"/>.</summary>
    internal virtual int CompareSameType(ExtensionValue other) => 0;
}
