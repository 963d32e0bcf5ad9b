using System.Text.Json.Serialization;

namespace Mandate.Core.Storage;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, string?>))]
public sealed partial class StorageJsonContext : JsonSerializerContext
{
}
