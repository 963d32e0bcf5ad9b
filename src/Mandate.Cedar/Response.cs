using System.Text;
using System.Text.Json;

namespace Mandate.Cedar;

/// <summary>
/// The answer to a request: the decision, the policies that determined it (satisfied forbids on a deny,
/// satisfied permits on an allow) and the policies that failed to evaluate.
/// </summary>
public sealed record Response(Decision Decision, IReadOnlyList<string> Reasons, IReadOnlyList<AuthorizationError> Errors)
{
    public bool IsAllowed => Decision == Decision.Allow;

    /// <summary>
    /// One JSON line: <c>{"decision":"allow|deny","reasons":[ids],"errors":[{"policy":id,"message":text}]}</c>.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Json.CedarJson.CompactWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("decision", IsAllowed ? "allow" : "deny");
            writer.WriteStartArray("reasons");
            foreach (var reason in Reasons)
            {
                writer.WriteStringValue(reason);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("errors");
            foreach (var error in Errors)
            {
                writer.WriteStartObject();
                writer.WriteString("policy", error.PolicyId);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
