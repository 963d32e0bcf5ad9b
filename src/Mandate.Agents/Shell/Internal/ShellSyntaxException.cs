namespace Mandate.Agents.Shell.Internal;

/// <summary>Unwinds the parser and analyser when the text cannot be parsed or a limit is exceeded; never escapes <see cref="ShellAnalyzer"/>.</summary>
internal sealed class ShellSyntaxException : Exception
{
    public ShellSyntaxException()
    {
    }

    public ShellSyntaxException(string message)
        : base(message)
    {
    }

    public ShellSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
