using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Mandate.Core.Jose;

/// <summary>
/// A JWS in compact serialization, decoded but not yet trusted. Decoding is strict: three
/// base64url parts with no padding, JSON objects with no duplicate member names, a bounded size.
/// </summary>
public sealed class JwsToken : IDisposable
{
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;

    private JwsToken(JsonDocument header, JsonDocument payload, byte[] signingInput, byte[] signature)
    {
        _header = header;
        _payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonElement Header => _header.RootElement;

    public JsonElement Payload => _payload.RootElement;

    internal byte[] SigningInput { get; }

    internal byte[] Signature { get; }

    public string? HeaderString(string name) =>
        Header.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public string? ClaimString(string name) =>
        Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Verifies the ES256 signature; the caller has already checked that <c>alg</c> is ES256.</summary>
    public bool VerifySignature(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(SigningInput, Signature);
    }

    public static bool TryParse(string? token, int maxLength, out JwsToken? result, out string reason) =>
        TryParse(token, maxLength, payloadMembersCheckedByCaller: false, out result, out reason);

    /// <summary>
    /// As <see cref="TryParse(string?, int, out JwsToken?, out string)"/>; with <paramref name="payloadMembersCheckedByCaller"/>,
    /// repeated member names in the payload are left for the caller to refuse (a reader that walks every
    /// member finds them for less than the parser's own check costs). The header is always checked.
    /// </summary>
    internal static bool TryParse(string? token, int maxLength, bool payloadMembersCheckedByCaller, out JwsToken? result, out string reason)
    {
        result = null;
        if (string.IsNullOrEmpty(token))
        {
            reason = "the token is empty";
            return false;
        }

        if (token.Length > maxLength)
        {
            reason = $"the token is longer than {maxLength} characters";
            return false;
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first < 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            reason = "the token is not a JWS in compact form (three parts separated by '.')";
            return false;
        }

        if (!TryDecode(token.AsSpan(0, first), out var headerBytes) ||
            !TryDecode(token.AsSpan(first + 1, second - first - 1), out var payloadBytes) ||
            !TryDecode(token.AsSpan(second + 1), out var signature))
        {
            reason = "a part of the token is not valid base64url";
            return false;
        }

        if (!TryParseObject(headerBytes, out var header, out reason))
        {
            reason = "the header " + reason;
            return false;
        }

        if (!TryParseObject(payloadBytes, out var payload, out reason, allowDuplicates: payloadMembersCheckedByCaller))
        {
            header!.Dispose();
            reason = "the payload " + reason;
            return false;
        }

        result = new JwsToken(header!, payload!, Encoding.ASCII.GetBytes(token, 0, second), signature);
        reason = "";
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<char> part, out byte[] bytes)
    {
        bytes = [];
        // Base64Url.IsValid skips whitespace; a compact JWS is exactly the alphabet, so that one token has one spelling.
        if (part.IsEmpty || part.ContainsAnyExcept(Base64UrlAlphabet) || !Base64Url.IsValid(part))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }

    private static bool TryParseObject(byte[] json, out JsonDocument? document, out string reason, bool allowDuplicates = false)
    {
        document = null;

        // JsonDocument checks a string's UTF-8 only when it is read; check it all up front so that a
        // bad byte is a malformed token here, not an exception in a verifier later.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            reason = "is not valid UTF-8";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = allowDuplicates });
        }
        catch (JsonException)
        {
            reason = "is not valid JSON, or repeats a member name";
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            reason = "is not a JSON object";
            return false;
        }

        reason = "";
        return true;
    }

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }
}
