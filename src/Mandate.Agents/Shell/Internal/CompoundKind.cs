namespace Mandate.Agents.Shell.Internal;

internal enum CompoundKind
{
    Subshell,
    Group,
    If,
    Loop,
    For,
    Case,
    Conditional,
    Arithmetic,
}
