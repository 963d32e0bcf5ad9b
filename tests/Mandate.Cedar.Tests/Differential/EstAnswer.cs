using System.Text.Json;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// cedar-wasm on one policy's JSON format (EST): its EST of the policy text (<see cref="Json"/>) or why it refused the
/// text, and the Cedar text it reads back from Mandate's EST (<see cref="Text"/>) or why it refused that.
/// </summary>
internal sealed record EstAnswer(string? Json, string? JsonFailure, string? Text, string? TextFailure)
{
    /// <summary>Reads one element of cedar-diff.mjs's <c>{"est": [...]}</c> answer.</summary>
    public static EstAnswer FromOracle(JsonElement element) => new(
        element.TryGetProperty("json", out var json) ? json.GetRawText() : null,
        element.TryGetProperty("jsonFailure", out var jsonFailure) ? jsonFailure.GetString() : null,
        element.TryGetProperty("text", out var text) ? text.GetString() : null,
        element.TryGetProperty("textFailure", out var textFailure) ? textFailure.GetString() : null);
}
