using Mandate.Core.Errors;

namespace Mandate.Agents.Runtime;

/// <summary>The mandate a process was given: an argument, else <c>MANDATE_TOKEN</c>, else the file named by <c>MANDATE_TOKEN_FILE</c>.</summary>
public static class MandateToken
{
    public const string Variable = "MANDATE_TOKEN";
    public const string FileVariable = "MANDATE_TOKEN_FILE";

    /// <summary>True when the environment gives this process a mandate.</summary>
    public static bool InEnvironment =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } || Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 };

    /// <summary>The token, read from a file when the argument (or the environment) names one.</summary>
    public static Outcome<string> Read(string? argument)
    {
        argument ??= Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(argument) && Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } file)
        {
            argument = file;
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            return new MandateError(ErrorCodes.MandateRequestInvalid, "No mandate was given.", $"Pass the token or a file holding it, or set {Variable} or {FileVariable}.");
        }

        try
        {
            if (argument.Length < 4096 && File.Exists(argument))
            {
                return new FileInfo(argument).Length > 64 * 1024
                    ? new MandateError(ErrorCodes.InputUnreadable, $"{argument} is larger than 64 KiB.", "Pass a file holding one mandate token.")
                    : File.ReadAllText(argument).Trim();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MandateError(ErrorCodes.InputUnreadable, $"Cannot read {argument}: {e.GetType().Name}.", "Check the path and its permissions.");
        }

        return argument.Trim();
    }
}
