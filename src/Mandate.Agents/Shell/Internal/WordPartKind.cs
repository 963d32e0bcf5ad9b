namespace Mandate.Agents.Shell.Internal;

internal enum WordPartKind
{
    /// <summary>Text after quote removal.</summary>
    Literal,

    /// <summary>An unquoted "~" or "~/" prefix: the home directory.</summary>
    Tilde,

    /// <summary>$NAME or ${NAME}.</summary>
    Parameter,

    /// <summary>${NAME…} with an operator; its value is computed at run time.</summary>
    ComplexParameter,

    /// <summary>$(…), backticks, &lt;(…) or &gt;(…): a nested script whose output is dynamic.</summary>
    Substitution,

    /// <summary>$((…)): a number computed at run time.</summary>
    Arithmetic,
}
