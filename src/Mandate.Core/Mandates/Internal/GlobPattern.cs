using System.Text;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// A capability target as a sequence of tokens: literal characters, <c>*</c> (any run of characters
/// that are not separators, possibly empty) and <c>**</c> (any run of characters). Matching and
/// inclusion are decided on the characters alone, so they are exact: <see cref="GlobInclusion"/>
/// decides whether every string one pattern matches is matched by another.
/// </summary>
internal sealed class GlobPattern
{
    /// <summary>Token for <c>*</c>; literal tokens are the character's code (≥ 0).</summary>
    public const int Star = -1;

    /// <summary>Token for <c>**</c>.</summary>
    public const int DoubleStar = -2;

    private readonly int[] _tokens;

    public GlobPattern(int[] tokens, string separators)
    {
        _tokens = tokens;
        Separators = separators;
        IsLiteral = Array.TrueForAll(tokens, t => t >= 0);
        IsEverything = tokens is [DoubleStar];
        if (IsLiteral)
        {
            var text = new StringBuilder(tokens.Length);
            foreach (var t in tokens)
            {
                text.Append((char)t);
            }

            Literal = text.ToString();
        }
    }

    public ReadOnlySpan<int> Tokens => _tokens;

    public int Length => _tokens.Length;

    public string Separators { get; }

    /// <summary>True when the pattern has no wildcard: it matches exactly <see cref="Literal"/>.</summary>
    public bool IsLiteral { get; }

    /// <summary>True for the explicit <c>**</c>, which matches every string.</summary>
    public bool IsEverything { get; }

    public string? Literal { get; }

    public static GlobPattern FromLiteral(string text, string separators)
    {
        var tokens = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            tokens[i] = text[i];
        }

        return new GlobPattern(tokens, separators);
    }

    public bool IsSeparator(int c) => c >= 0 && Separators.Contains((char)c, StringComparison.Ordinal);

    public bool TokensEqual(GlobPattern other) => _tokens.AsSpan().SequenceEqual(other._tokens);

    /// <summary>Whether the pattern matches <paramref name="text"/> exactly (the whole string).</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        if (IsLiteral)
        {
            return text.SequenceEqual(Literal);
        }

        if (IsEverything)
        {
            return true;
        }

        // NFA simulation over token positions: O(|text| · |pattern|), no backtracking blow-up.
        var n = _tokens.Length;
        Span<bool> current = n < 512 ? stackalloc bool[n + 1] : new bool[n + 1];
        Span<bool> next = n < 512 ? stackalloc bool[n + 1] : new bool[n + 1];
        current.Clear();
        current[0] = true;
        Close(current);
        foreach (var c in text)
        {
            next.Clear();
            var any = false;
            for (var i = 0; i < n; i++)
            {
                if (!current[i])
                {
                    continue;
                }

                var t = _tokens[i];
                if (t == c)
                {
                    next[i + 1] = any = true;
                }
                else if (t == DoubleStar || (t == Star && !Separators.Contains(c, StringComparison.Ordinal)))
                {
                    next[i] = any = true;
                }
            }

            if (!any)
            {
                return false;
            }

            Close(next);
            var swap = current;
            current = next;
            next = swap;
        }

        return current[n];
    }

    /// <summary>Adds the positions reachable by letting a wildcard match nothing.</summary>
    private void Close(Span<bool> states)
    {
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (states[i] && _tokens[i] < 0)
            {
                states[i + 1] = true;
            }
        }
    }

    /// <summary>The canonical text: <c>\</c> escapes a literal <c>*</c> or <c>\</c>; <c>%</c> and white space are percent-encoded (UTF-8).</summary>
    public override string ToString()
    {
        var text = new StringBuilder(_tokens.Length + 8);
        foreach (var t in _tokens)
        {
            switch (t)
            {
                case Star:
                    text.Append('*');
                    break;
                case DoubleStar:
                    text.Append("**");
                    break;
                case '*' or '\\':
                    text.Append('\\').Append((char)t);
                    break;
                case '%':
                case var w when char.IsWhiteSpace((char)w):
                    foreach (var b in Encoding.UTF8.GetBytes([(char)t]))
                    {
                        text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                default:
                    text.Append((char)t);
                    break;
            }
        }

        return text.ToString();
    }
}
