using System.Text.Json.Serialization;

namespace Mandate.Agents.Tests.Hooks;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJson : JsonSerializerContext;
