using System.Text;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// Reads a capability target: literals, <c>*</c>, <c>**</c>, <c>\*</c> and <c>\\</c> escapes, and
/// percent-encoded UTF-8 (<c>%20</c> for a space); then checks the kind's shape (<see cref="TargetShape"/>).
/// Concrete targets (what an agent actually touches) are taken as they are, with no decoding.
/// </summary>
internal static class TargetSyntax
{
    /// <summary>The longest pattern, in decoded characters.</summary>
    public const int MaxPatternLength = 256;

    /// <summary>The longest concrete target.</summary>
    public const int MaxConcreteLength = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static GlobPattern? ParsePattern(string raw, CapabilityKind kind, out string error)
    {
        var tokens = Tokenize(raw, out error);
        if (tokens is null)
        {
            return null;
        }

        if (tokens.Count > MaxPatternLength)
        {
            error = $"the target is longer than {MaxPatternLength} characters";
            return null;
        }

        Normalize(tokens, kind);
        if (tokens is [GlobPattern.DoubleStar])
        {
            return new GlobPattern([.. tokens], kind.Separators);
        }

        var hasWildcard = tokens.Exists(t => t < 0);
        if (hasWildcard && !tokens.Exists(t => t >= 0 && !kind.Separators.Contains((char)t, StringComparison.Ordinal)))
        {
            error = "it would cover every target of its kind; write exactly '**' if that is what you mean";
            return null;
        }

        error = TargetShapes.Check(tokens, kind) ?? "";
        return error.Length == 0 ? new GlobPattern([.. tokens], kind.Separators) : null;
    }

    public static GlobPattern? ParseConcrete(string? raw, CapabilityKind kind, out string error)
    {
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxConcreteLength)
        {
            error = "the target is empty or too long";
            return null;
        }

        var tokens = new List<int>(raw.Length);
        foreach (var c in raw)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                error = "the target has a control character or an unpaired surrogate";
                return null;
            }

            tokens.Add(c);
        }

        Normalize(tokens, kind);
        error = TargetShapes.Check(tokens, kind) ?? "";
        return error.Length == 0 ? new GlobPattern([.. tokens], kind.Separators) : null;
    }

    private static List<int>? Tokenize(string raw, out string error)
    {
        error = "";
        if (raw.Length == 0)
        {
            error = "the target is empty";
            return null;
        }

        var tokens = new List<int>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '*')
            {
                var run = 1;
                while (i + run < raw.Length && raw[i + run] == '*')
                {
                    run++;
                }

                if (run > 2)
                {
                    error = "'***' is not a wildcard; use '*' (one segment) or '**' (any depth)";
                    return null;
                }

                tokens.Add(run == 1 ? GlobPattern.Star : GlobPattern.DoubleStar);
                i += run - 1;
            }
            else if (c == '\\')
            {
                if (i + 1 >= raw.Length || raw[i + 1] is not ('*' or '\\'))
                {
                    error = "'\\' escapes only '*' or '\\'";
                    return null;
                }

                tokens.Add(raw[++i]);
            }
            else if (c == '%')
            {
                if (!DecodePercentRun(raw, ref i, tokens))
                {
                    error = "the percent-encoding is invalid or decodes to a control character (write %XX hex bytes of UTF-8, e.g. %20 for a space)";
                    return null;
                }
            }
            else if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                error = "the target has white space or a control character; percent-encode a space as %20";
                return null;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                tokens.Add(c);
                tokens.Add(raw[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                error = "the target has an unpaired surrogate";
                return null;
            }
            else
            {
                tokens.Add(c);
            }
        }

        return tokens;
    }

    /// <summary>Decodes a run of <c>%XX</c> bytes as strict UTF-8; a decoded control character is refused.</summary>
    private static bool DecodePercentRun(string raw, ref int i, List<int> tokens)
    {
        var bytes = new List<byte>();
        while (i < raw.Length && raw[i] == '%')
        {
            if (i + 2 >= raw.Length || !Uri.IsHexDigit(raw[i + 1]) || !Uri.IsHexDigit(raw[i + 2]))
            {
                return false;
            }

            bytes.Add((byte)((Uri.FromHex(raw[i + 1]) << 4) | Uri.FromHex(raw[i + 2])));
            i += 3;
        }

        i--;
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var d in decoded)
        {
            if (char.IsControl(d))
            {
                return false;
            }

            tokens.Add(d);
        }

        return true;
    }

    /// <summary>Host names compare case-insensitively: their literals are lowered (ASCII) at parse time.</summary>
    private static void Normalize(List<int> tokens, CapabilityKind kind)
    {
        var start = kind.Shape switch
        {
            TargetShape.HostPort => 0,
            TargetShape.PrincipalAtHost => tokens.IndexOf('@') + 1,
            _ => -1,
        };
        if (start <= 0 && kind.Shape != TargetShape.HostPort)
        {
            return;
        }

        for (var i = start; i < tokens.Count; i++)
        {
            if (tokens[i] is >= 'A' and <= 'Z')
            {
                tokens[i] += 'a' - 'A';
            }
        }
    }
}
