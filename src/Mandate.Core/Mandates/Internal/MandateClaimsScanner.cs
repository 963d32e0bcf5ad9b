using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Mandate.Core.Jose;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// The single pass over a mandate's payload, with <see cref="Utf8JsonReader"/> and before the signature
/// is checked: the JSON must be valid UTF-8 and one object nested at most <see cref="JwsToken.MaxDepth"/>
/// deep (what the JWS parser required), and every claim's value and every structural problem (an
/// unknown or repeated member at any level walked, a wrong type) is recorded in <see cref="RawClaims"/>
/// for <see cref="MandateClaimsReader"/> to judge once the signature verified; nothing is parsed or
/// cached before then. Strings are decoded once, and a string met again (the chain repeats the actors,
/// the scopes and the token's jti) is the same instance.
/// </summary>
internal ref partial struct MandateClaimsScanner
{
    private readonly ReadOnlySpan<byte> _json;
    private Utf8JsonReader _reader;
    private StringTable _strings;
    private int _stringCount;

    private MandateClaimsScanner(ReadOnlySpan<byte> json)
    {
        _json = json;
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JwsToken.MaxDepth });
    }

    /// <summary>Scans <paramref name="json"/> into <paramref name="claims"/>; false with the reason when the payload is malformed.</summary>
    public static bool TryScan(ReadOnlySpan<byte> json, ref RawClaims claims, out string reason)
    {
        if (!Utf8.IsValid(json))
        {
            reason = "the payload is not valid UTF-8";
            return false;
        }

        var scanner = new MandateClaimsScanner(json);
        try
        {
            if (!scanner.TryScanRoot(ref claims))
            {
                reason = "the payload is not a JSON object";
                return false;
            }
        }
        catch (JsonException)
        {
            reason = "the payload is not valid JSON, or repeats a member name";
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

    private bool TryScanRoot(ref RawClaims c)
    {
        _reader.Read();
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            // Read to the end first: text that is not JSON at all is reported as such.
            _reader.Skip();
            _reader.Read();
            return false;
        }

        var seen = Claim.None;
        while (Next() == JsonTokenType.PropertyName)
        {
            var claim = ClaimOf(Name());
            if (claim == Claim.None)
            {
                c.Unknown ??= NameText();
                SkipValue();
                continue;
            }

            if ((seen & claim) != 0)
            {
                c.Repeated = true;
                SkipValue();
                continue;
            }

            seen |= claim;
            _reader.Read();
            switch (claim)
            {
                case Claim.Iss: c.Issuer = Value(); break;
                case Claim.Sub: c.Subject = Value(); break;
                case Claim.Scope: c.Scope = Value(); break;
                case Claim.Jti: c.Jti = Value(); break;
                case Claim.Iat: c.IssuedAt = Value(); break;
                case Claim.Nbf: c.NotBefore = Value(); break;
                case Claim.Exp: c.ExpiresAt = Value(); break;
                case Claim.Act: c.HasActor = true; ScanActor(ref c); break;
                case Claim.Task: ScanTask(ref c); break;
                case Claim.Chain: ScanChain(ref c); break;
                case Claim.Constraints: ScanConstraints(ref c); break;
                case Claim.Cnf: ScanConfirmation(ref c); break;
                default: ScanAudience(ref c); break;
            }
        }

        // One value only: the reader throws on anything but white space after the object.
        if (_reader.Read())
        {
            throw new JsonException("The payload holds more than one JSON value.");
        }

        return true;
    }

    private static Claim ClaimOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("iss"u8) => Claim.Iss,
        3 when name.SequenceEqual("sub"u8) => Claim.Sub,
        3 when name.SequenceEqual("aud"u8) => Claim.Aud,
        3 when name.SequenceEqual("act"u8) => Claim.Act,
        3 when name.SequenceEqual("cnf"u8) => Claim.Cnf,
        3 when name.SequenceEqual("iat"u8) => Claim.Iat,
        3 when name.SequenceEqual("nbf"u8) => Claim.Nbf,
        3 when name.SequenceEqual("exp"u8) => Claim.Exp,
        3 when name.SequenceEqual("jti"u8) => Claim.Jti,
        4 when name.SequenceEqual("task"u8) => Claim.Task,
        5 when name.SequenceEqual("scope"u8) => Claim.Scope,
        11 when name.SequenceEqual("constraints"u8) => Claim.Constraints,
        16 when name.SequenceEqual("delegation_chain"u8) => Claim.Chain,
        _ => Claim.None,
    };

    /// <summary>Reads the next token; the reader throws at the end of malformed JSON, so every loop ends.</summary>
    private JsonTokenType Next()
    {
        _reader.Read();
        return _reader.TokenType;
    }

    /// <summary>The current member name, unescaped (an escaped name is rare: it is copied).</summary>
    private readonly ReadOnlySpan<byte> Name()
    {
        if (!_reader.ValueIsEscaped)
        {
            return _reader.ValueSpan;
        }

        var unescaped = new byte[_reader.ValueSpan.Length];
        return unescaped.AsSpan(0, _reader.CopyString(unescaped));
    }

    /// <summary>The current member name as a string, for a message.</summary>
    private readonly string NameText() => _reader.GetString()!;

    /// <summary>Moves past the current member's value, checking its syntax.</summary>
    private void SkipValue()
    {
        _reader.Read();
        _reader.Skip();
    }

    /// <summary>The value the reader is on: a string or whole number is kept, anything else only typed (and skipped).</summary>
    private ClaimValue Value()
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.String:
                return ClaimValue.String(Text());
            case JsonTokenType.Number when _reader.TryGetInt64(out var number):
                return ClaimValue.Whole(number);
            default:
                var type = _reader.TokenType;
                _reader.Skip();
                return ClaimValue.Other(type);
        }
    }

    /// <summary>The string the reader is on, decoded once: a string already met is returned again.</summary>
    private string Text()
    {
        if (_reader.ValueIsEscaped)
        {
            return _reader.GetString()!;
        }

        // Open addressing on the length and the last bytes (IDs share their prefix, jtis differ at the end),
        // with few probes, so that strings made to collide cost no more than decoding them.
        var value = _reader.ValueSpan;
        var slot = Hash(value);
        for (var probe = 0; probe < StringTable.MaxProbes; probe++, slot = (slot + 1) & (StringTable.Capacity - 1))
        {
            ref var entry = ref _strings[slot];
            if (entry.Value is null)
            {
                var text = Decode(value);
                if (_stringCount < StringTable.Capacity / 2)
                {
                    // Where the value lies in the payload: the reader hands out slices of it.
                    var start = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(_json), ref MemoryMarshal.GetReference(value));
                    entry = new Entry(start, value.Length, text);
                    _stringCount++;
                }

                return text;
            }

            if (entry.Length == value.Length && _json.Slice(entry.Start, entry.Length).SequenceEqual(value))
            {
                return entry.Value;
            }
        }

        return Decode(value);
    }

    /// <summary>The payload was checked to be UTF-8; most values are ASCII, widened without a second look.</summary>
    private static string Decode(ReadOnlySpan<byte> value) =>
        Ascii.IsValid(value) ? string.Create(value.Length, value, static (chars, bytes) => Ascii.ToUtf16(bytes, chars, out _)) : Encoding.UTF8.GetString(value);

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var tail = value.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(value[^4..]) : value.IsEmpty ? 0u : value[^1];
        return (int)(((tail ^ (uint)value.Length) * 0x9E3779B1u) >> (32 - StringTable.Bits));
    }

    [Flags]
    private enum Claim
    {
        None = 0,
        Iss = 1 << 0,
        Sub = 1 << 1,
        Aud = 1 << 2,
        Act = 1 << 3,
        Scope = 1 << 4,
        Task = 1 << 5,
        Chain = 1 << 6,
        Constraints = 1 << 7,
        Cnf = 1 << 8,
        Iat = 1 << 9,
        Nbf = 1 << 10,
        Exp = 1 << 11,
        Jti = 1 << 12,
    }

    /// <summary>A decoded string and where its UTF-8 lies in the payload.</summary>
    private readonly record struct Entry(int Start, int Length, string? Value);

    [InlineArray(Capacity)]
    private struct StringTable
    {
        public const int Bits = 6;
        public const int Capacity = 1 << Bits;
        public const int MaxProbes = 8;

        private Entry _element0;
    }
}
