namespace Mandate.Agents.Shell.Internal;

/// <summary>
/// ( … ), { …; }, if, while/until, for/select, case, [[ … ]] and (( … )). <see cref="Words"/> holds the
/// words a compound expands itself (the for list, the case word and patterns, the [[ operands), and
/// <see cref="Scripts"/> any commands nested in arithmetic.
/// </summary>
internal sealed class CompoundNode(CompoundKind kind) : CommandNode
{
    public CompoundKind Kind { get; } = kind;

    public List<Script> Bodies { get; } = [];

    public List<Word> Words { get; } = [];

    public List<Script> Scripts { get; } = [];

    /// <summary>The loop variable of a for or select loop.</summary>
    public string? Variable { get; set; }
}
