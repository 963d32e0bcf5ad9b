using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Mandate.Core.Jose;

/// <summary>Produces ES256 JWS compact tokens; the claims are written by the caller, with no reflection.</summary>
public static class JwsWriter
{
    public static string Sign(SigningKey key, string typ, Action<Utf8JsonWriter> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(writeClaims);
        var header = WriteObject(w =>
        {
            w.WriteString("alg", JwsAlgorithm.ES256);
            w.WriteString("kid", key.Kid);
            w.WriteString("typ", typ);
        });
        var payload = WriteObject(writeClaims);
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    // '+' (in "mandate+jwt" and in times) and other non-HTML-safe characters are written as themselves, not as
    // \u002B: the JSON is the same, but a person decoding a token reads what the specification names.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static byte[] WriteObject(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
