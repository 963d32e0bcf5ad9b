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
    /// <summary>The deepest nesting of JSON accepted in a header or payload.</summary>
    internal const int MaxDepth = 32;

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

    public static bool TryParse(string? token, int maxLength, out JwsToken? result, out string reason)
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

        if (!JwsCompact.TrySplit(token, out var first, out var second))
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

        if (!TryParseObject(payloadBytes, out var payload, out reason))
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
        if (!JwsCompact.IsBase64UrlPart(part))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }

    private static bool TryParseObject(byte[] json, out JsonDocument? document, out string reason)
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
            // Nor does it unescape until a string is read (or names are compared for repeats, which throws
            // from Parse): an escaped lone surrogate is JSON but no string, so it is malformed here too.
            if (json.AsSpan().Contains((byte)'\\'))
            {
                UnescapeAll(json);
            }

            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            reason = "is not valid JSON, or repeats a member name";
            return false;
        }
        catch (InvalidOperationException)
        {
            reason = "has an escaped string that is not valid UTF-16 (a lone surrogate)";
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

    /// <summary>Unescapes every escaped name and string: throws InvalidOperationException for one no string can hold.</summary>
    private static void UnescapeAll(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        Span<byte> scratch = stackalloc byte[256];
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                var length = reader.ValueSpan.Length;
                reader.CopyString(length <= scratch.Length ? scratch : new byte[length]);
            }
        }
    }

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }
}
