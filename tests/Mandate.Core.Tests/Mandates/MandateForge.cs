using System.Text.Json.Nodes;
using Mandate.Core.Jose;
using Mandate.Core.Tests.Svid;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// Re-signs altered mandates by hand: the payload of a real mandate as a mutable JSON object, and a
/// signer that does not go through Mandate's writer. Every attack that needs a valid signature uses it.
/// </summary>
internal static class MandateForge
{
    public static JsonObject Payload(string token) => JsonNode.Parse(JwtForge.DecodePart(token.Split('.')[1]))!.AsObject();

    public static JsonObject HeaderObject(string token) => JsonNode.Parse(JwtForge.DecodePart(token.Split('.')[0]))!.AsObject();

    public static string Header(SigningKey key, string typ = "mandate+jwt") => JwtForge.Header(key, typ);

    public static string Sign(SigningKey key, JsonObject payload, string? header = null) =>
        JwtForge.Sign(key, header ?? Header(key), payload.ToJsonString());

    public static string Sign(SigningKey key, string payloadJson, string? header = null) =>
        JwtForge.Sign(key, header ?? Header(key), payloadJson);

    /// <summary>An unsigned token of the given parts (any signature text).</summary>
    public static string Assemble(string headerJson, string payloadJson, string signature) =>
        JwtForge.Encode(headerJson) + "." + JwtForge.Encode(payloadJson) + "." + signature;

    public static JsonArray Chain(JsonObject payload) => payload["delegation_chain"]!.AsArray();

    public static JsonObject Hop(JsonObject payload, int index) => Chain(payload)[index]!.AsObject();
}
