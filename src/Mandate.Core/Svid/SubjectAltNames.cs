using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Mandate.Core.Svid;

internal static class SubjectAltNames
{
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>Every uniformResourceIdentifier in the certificate's SubjectAltName extensions.</summary>
    public static IReadOnlyList<string> UriNames(X509Certificate2 certificate)
    {
        var uris = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != "2.5.29.17")
            {
                continue;
            }

            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag.HasSameClassAndValue(UriTag))
                {
                    uris.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
                }
                else
                {
                    reader.ReadEncodedValue();
                }
            }
        }

        return uris;
    }
}
