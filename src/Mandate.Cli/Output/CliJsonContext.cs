using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mandate.Cli.Output;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorOutput))]
[JsonSerializable(typeof(InitOutput))]
[JsonSerializable(typeof(AgentOutput))]
[JsonSerializable(typeof(List<AgentOutput>))]
[JsonSerializable(typeof(X509SvidOutput))]
[JsonSerializable(typeof(JwtSvidOutput))]
[JsonSerializable(typeof(VerifyOutput))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context every <c>--json</c> output is written with: as the attribute above sets it, but
    /// without HTML escaping, which is for JSON put inside web pages. A time's offset then reads <c>+00:00</c>, not
    /// <c>\u002B00:00</c>, and a path or reason keeps its <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes as they are.
    /// </summary>
    public static CliJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
