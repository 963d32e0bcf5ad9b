using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Mandate.Core.Jose;

/// <summary>
/// Splits and decodes a JWS in compact serialization without parsing its JSON, for readers that walk
/// the header and payload themselves. The rules are <see cref="JwsToken"/>'s: three non-empty parts of
/// the base64url alphabet, no padding, no white space, so that one token has one spelling.
/// </summary>
internal static class JwsCompact
{
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The size of the buffer <see cref="TryDecode"/> needs for a token of <paramref name="tokenLength"/> characters.</summary>
    public static int BufferLength(int tokenLength) => (2 * tokenLength) + 8;

    /// <summary>
    /// Decodes <paramref name="token"/> into <paramref name="buffer"/> (at least <see cref="BufferLength"/>
    /// bytes); the parts point into it. A malformed token gives the reason, as <see cref="JwsToken.TryParse(string?, int, out JwsToken?, out string)"/> words it.
    /// </summary>
    public static bool TryDecode(string? token, int maxLength, Span<byte> buffer, out JwsParts parts, out string reason)
    {
        parts = default;
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

        if (!TrySplit(token, out var first, out var second))
        {
            reason = "the token is not a JWS in compact form (three parts separated by '.')";
            return false;
        }

        var signingInput = buffer[..second];
        var rest = buffer[second..];
        if (!TryDecodePart(token.AsSpan(0, first), rest, out var headerLength) ||
            !TryDecodePart(token.AsSpan(first + 1, second - first - 1), rest[headerLength..], out var payloadLength) ||
            !TryDecodePart(token.AsSpan(second + 1), rest[(headerLength + payloadLength)..], out var signatureLength))
        {
            reason = "a part of the token is not valid base64url";
            return false;
        }

        // Every character is in the base64url alphabet or a '.', so the signing input is ASCII.
        Encoding.ASCII.GetBytes(token.AsSpan(0, second), signingInput);
        parts = new JwsParts(
            rest[..headerLength],
            rest.Slice(headerLength, payloadLength),
            signingInput,
            rest.Slice(headerLength + payloadLength, signatureLength));
        reason = "";
        return true;
    }

    /// <summary>
    /// Decodes a part as <see cref="IsBase64UrlPart"/> accepts it: within the alphabet, the decoder accepts
    /// exactly what Base64Url.IsValid does (checked for every final quantum), so one pass does both.
    /// </summary>
    private static bool TryDecodePart(ReadOnlySpan<char> part, Span<byte> destination, out int length)
    {
        length = 0;
        return !part.IsEmpty && !part.ContainsAnyExcept(Base64UrlAlphabet) &&
            Base64Url.DecodeFromChars(part, destination, out var consumed, out length) == OperationStatus.Done && consumed == part.Length;
    }

    /// <summary>The positions of the two dots of a three-part token; false for any other number of parts.</summary>
    public static bool TrySplit(string token, out int first, out int second)
    {
        first = token.IndexOf('.', StringComparison.Ordinal);
        second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        return first >= 0 && second >= 0 && token.IndexOf('.', second + 1) < 0;
    }

    /// <summary>A non-empty part of only base64url characters that decodes (Base64Url.IsValid alone would skip white space).</summary>
    public static bool IsBase64UrlPart(ReadOnlySpan<char> part) =>
        !part.IsEmpty && !part.ContainsAnyExcept(Base64UrlAlphabet) && Base64Url.IsValid(part);
}
