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
}
