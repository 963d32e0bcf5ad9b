namespace Mandate.Core.Jose;

/// <summary>
/// The parts of a JWS in compact serialization, decoded from base64url into a caller's buffer and not
/// yet trusted: the header's and payload's JSON (UTF-8, not parsed), the signing input and the signature.
/// </summary>
internal readonly ref struct JwsParts
{
    public JwsParts(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public ReadOnlySpan<byte> Header { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The ASCII bytes of <c>header.payload</c> as written in the token: what the signature covers.</summary>
    public ReadOnlySpan<byte> SigningInput { get; }

    public ReadOnlySpan<byte> Signature { get; }
}
