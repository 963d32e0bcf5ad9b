namespace Mandate.Agents.Shell.Internal;

/// <summary>Standard input or output of a command: its kind and, for literal text, the text.</summary>
internal readonly record struct Flow(FlowKind Kind, string? Text = null)
{
    public static readonly Flow None = new(FlowKind.None);

    public static readonly Flow Unknown = new(FlowKind.Unknown);
}
