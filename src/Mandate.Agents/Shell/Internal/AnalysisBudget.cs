namespace Mandate.Agents.Shell.Internal;

/// <summary>Limits shared by every nested parse of one analysis, so no input costs more than linear work.</summary>
internal sealed class AnalysisBudget
{
    public const int MaxInputBytes = 64 * 1024;
    public const int MaxDepth = 16;
    public const int MaxWords = 2000;
    public const int MaxCommands = 500;

    private int _words;

    public void CountWord()
    {
        if (++_words > MaxWords)
        {
            throw new ShellSyntaxException($"more than {MaxWords} words");
        }
    }

    public static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ShellSyntaxException($"nesting deeper than {MaxDepth} levels");
        }
    }
}
