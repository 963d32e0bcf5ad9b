namespace Mandate.Agents.Shell.Internal;

/// <summary>NAME=value (or NAME=(a b c), whose value is never tracked).</summary>
internal sealed class Assignment(string name, Word value, List<Word>? array)
{
    public string Name { get; } = name;

    public Word Value { get; } = value;

    public List<Word>? Array { get; } = array;
}
