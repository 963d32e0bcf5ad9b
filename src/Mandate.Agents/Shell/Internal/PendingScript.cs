namespace Mandate.Agents.Shell.Internal;

/// <summary>A nested script found while expanding words, analysed after the command that holds it.</summary>
internal readonly record struct PendingScript(Script Script, string Label);
