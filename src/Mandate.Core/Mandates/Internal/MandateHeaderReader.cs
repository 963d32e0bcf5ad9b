using System.Text.Json;
using System.Text.Unicode;
using Mandate.Core.Jose;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// Reads a mandate's JOSE header in one pass with <see cref="Utf8JsonReader"/>, as strictly as the
/// JWS parser: valid UTF-8, one JSON object nested at most <see cref="JwsToken.MaxDepth"/> deep, and
/// no member name twice in any object, nested ones included. Only alg, kid and typ are decoded.
/// </summary>
internal static class MandateHeaderReader
{
    private const int Alg = 1, Kid = 2, Typ = 4;

    public static bool TryRead(ReadOnlySpan<byte> json, out MandateHeader header, out string reason)
    {
        header = default;
        if (!Utf8.IsValid(json))
        {
            reason = "the header is not valid UTF-8";
            return false;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JwsToken.MaxDepth });
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Read to the end first: text that is not JSON at all is reported as such.
                reader.Skip();
                reader.Read();
                reason = "the header is not a JSON object";
                return false;
            }

            if (!TryReadMembers(ref reader, out header) || reader.Read())
            {
                reason = "the header is not valid JSON, or repeats a member name";
                return false;
            }
        }
        catch (JsonException)
        {
            reason = "the header is not valid JSON, or repeats a member name";
            return false;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: the text is JSON but no string.
            reason = "a part of the token is not valid UTF-8";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>The members of the header object (the reader is on its start); false when a name repeats.</summary>
    private static bool TryReadMembers(ref Utf8JsonReader reader, out MandateHeader header)
    {
        header = default;
        var seen = 0;
        List<string>? others = null;
        string? refused = null, algorithm = null, type = null, kid = null;
        bool isEs256 = false, isMandateType = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = reader.ValueTextEquals("alg"u8) ? Alg : reader.ValueTextEquals("kid"u8) ? Kid : reader.ValueTextEquals("typ"u8) ? Typ : 0;
            if (member == 0)
            {
                var name = reader.GetString()!;
                if (others?.Contains(name) == true)
                {
                    return false;
                }

                (others ??= []).Add(name);
                refused ??= name;
                reader.Read();
                if (!HasUniqueNames(ref reader))
                {
                    return false;
                }

                continue;
            }

            if ((seen & member) != 0)
            {
                return false;
            }

            seen |= member;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                if (!HasUniqueNames(ref reader))
                {
                    return false;
                }

                continue;
            }

            switch (member)
            {
                case Alg:
                    isEs256 = reader.ValueTextEquals("ES256"u8);
                    algorithm = isEs256 ? null : reader.GetString();
                    break;
                case Typ:
                    isMandateType = reader.ValueTextEquals("mandate+jwt"u8);
                    type = isMandateType ? null : reader.GetString();
                    break;
                default:
                    kid = reader.GetString();
                    break;
            }
        }

        header = new MandateHeader
        {
            Refused = refused,
            IsEs256 = isEs256,
            Algorithm = algorithm,
            IsMandateType = isMandateType,
            Type = type,
            Kid = kid,
        };
        return true;
    }

    /// <summary>Walks the value the reader is on; false when an object in it repeats a member name.</summary>
    private static bool HasUniqueNames(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!HasUniqueNames(ref reader))
                {
                    return false;
                }
            }

            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return true;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!names.Add(reader.GetString()!))
            {
                return false;
            }

            reader.Read();
            if (!HasUniqueNames(ref reader))
            {
                return false;
            }
        }

        return true;
    }
}
