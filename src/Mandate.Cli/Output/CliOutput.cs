using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mandate.Core.Errors;

namespace Mandate.Cli.Output;

/// <summary>Writes results to stdout (human text or JSON) and errors to stderr as one line with a code and a fix.</summary>
internal sealed class CliOutput
{
    public CliOutput(bool json, TextWriter stdout, TextWriter stderr)
    {
        Json = json;
        Out = stdout;
        Err = stderr;
    }

    public bool Json { get; }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo) => Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));

    public int Fail(MandateError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Json)
        {
            Err.WriteLine(JsonSerializer.Serialize(new ErrorOutput(error.Code, error.Message, error.Fix), CliJsonContext.Output.ErrorOutput));
        }
        else
        {
            Err.WriteLine($"error {error.Code}: {error.Message} Fix: {error.Fix}");
        }

        return ExitCodes.Refused;
    }

    public int Usage(string message, string fix)
    {
        Err.WriteLine(Json
            ? JsonSerializer.Serialize(new ErrorOutput("MDT0002", message, fix), CliJsonContext.Output.ErrorOutput)
            : $"error MDT0002: {message} Fix: {fix}");
        return ExitCodes.Usage;
    }
}
