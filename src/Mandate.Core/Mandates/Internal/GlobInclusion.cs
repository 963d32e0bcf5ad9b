namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// Decides language inclusion of two glob patterns exactly: <c>L(inner) ⊆ L(outer)</c>.
/// Both patterns are NFAs over token positions; the search walks the product of the two subset
/// constructions, one character class at a time, looking for a word <c>inner</c> accepts and
/// <c>outer</c> rejects. The alphabet is infinite, but every character that is neither a literal of
/// either pattern nor a separator behaves the same, so one fresh character stands for all of them.
/// </summary>
internal static class GlobInclusion
{
    /// <summary>
    /// A bound on the product states explored. Targets are at most 256 characters, and no pattern
    /// seen in practice comes near it; past the bound the answer is "not covered" (fail closed).
    /// </summary>
    public const int MaxExploredStates = 50_000;

    public static bool Covers(GlobPattern outer, GlobPattern inner) => Decide(outer, inner, wantWitness: false, out _);

    /// <summary>As <see cref="Covers(GlobPattern, GlobPattern)"/>; when not covered, <paramref name="witness"/> is a string <paramref name="inner"/> matches and <paramref name="outer"/> does not.</summary>
    public static bool Covers(GlobPattern outer, GlobPattern inner, out string? witness) => Decide(outer, inner, wantWitness: true, out witness);

    private static bool Decide(GlobPattern outer, GlobPattern inner, bool wantWitness, out string? witness)
    {
        witness = null;
        if (outer.IsEverything || outer.TokensEqual(inner))
        {
            return true;
        }

        if (inner.IsLiteral)
        {
            if (outer.IsMatch(inner.Literal))
            {
                return true;
            }

            witness = inner.Literal;
            return false;
        }

        // A wildcard matches arbitrarily long runs of a character no literal uses: infinitely many strings.
        return !(outer.IsLiteral && !wantWitness) && Explore(outer, inner, out witness);
    }

    private static bool Explore(GlobPattern outer, GlobPattern inner, out string? witness)
    {
        witness = null;
        var alphabet = Alphabet(outer, inner);
        var wordsA = (outer.Length + 64) >> 6;
        var wordsB = (inner.Length + 64) >> 6;
        var universalA = UniversalFrom(outer);

        var start = new ulong[wordsA + wordsB];
        Set(start, 0, 0);
        Set(start, wordsA, 0);
        Close(outer, start, 0);
        Close(inner, start, wordsA);

        var seen = new Dictionary<ulong[], int>(BitsComparer.Instance) { [start] = 0 };
        var nodes = new List<(ulong[] Bits, int Parent, char Via)> { (start, -1, '\0') };
        for (var index = 0; index < nodes.Count; index++)
        {
            var bits = nodes[index].Bits;
            if (AnySet(bits, 0, outer.Length + 1, universalA))
            {
                continue; // outer accepts every continuation from here
            }

            if (IsSet(bits, wordsA, inner.Length) && !IsSet(bits, 0, outer.Length))
            {
                witness = Word(nodes, index);
                return false;
            }

            foreach (var c in alphabet)
            {
                var next = new ulong[wordsA + wordsB];
                if (!Step(inner, bits, next, wordsA, c))
                {
                    continue; // inner is dead: nothing below can be a counterexample
                }

                Step(outer, bits, next, 0, c);
                if (seen.ContainsKey(next))
                {
                    continue;
                }

                if (nodes.Count >= MaxExploredStates)
                {
                    return false;
                }

                seen[next] = nodes.Count;
                nodes.Add((next, index, c));
            }
        }

        return true;
    }

    private static bool Step(GlobPattern p, ulong[] from, ulong[] to, int offset, char c)
    {
        var tokens = p.Tokens;
        var separator = p.IsSeparator(c);
        var any = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!IsSet(from, offset, i))
            {
                continue;
            }

            var t = tokens[i];
            if (t == c)
            {
                Set(to, offset, i + 1);
                any = true;
            }
            else if (t == GlobPattern.DoubleStar || (t == GlobPattern.Star && !separator))
            {
                Set(to, offset, i);
                any = true;
            }
        }

        if (any)
        {
            Close(p, to, offset);
        }

        return any;
    }

    private static void Close(GlobPattern p, ulong[] bits, int offset)
    {
        var tokens = p.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] < 0 && IsSet(bits, offset, i))
            {
                Set(bits, offset, i + 1);
            }
        }
    }

    /// <summary>Positions from which only wildcards remain, at least one of them <c>**</c>: every suffix is accepted.</summary>
    private static bool[] UniversalFrom(GlobPattern p)
    {
        var tokens = p.Tokens;
        var result = new bool[tokens.Length + 1];
        var sawDoubleStar = false;
        for (var i = tokens.Length - 1; i >= 0; i--)
        {
            if (tokens[i] >= 0)
            {
                break;
            }

            sawDoubleStar |= tokens[i] == GlobPattern.DoubleStar;
            result[i] = sawDoubleStar;
        }

        return result;
    }

    private static char[] Alphabet(GlobPattern a, GlobPattern b)
    {
        var set = new HashSet<char>(a.Separators);
        foreach (var p in (ReadOnlySpan<GlobPattern>)[a, b])
        {
            foreach (var t in p.Tokens)
            {
                if (t >= 0)
                {
                    set.Add((char)t);
                }
            }
        }

        // One character outside every literal and separator stands for all such characters.
        for (var c = 'x'; ; c++)
        {
            if (!set.Contains(c) && !char.IsSurrogate(c))
            {
                set.Add(c);
                break;
            }
        }

        var result = set.ToArray();
        Array.Sort(result);
        return result;
    }

    private static string Word(List<(ulong[] Bits, int Parent, char Via)> nodes, int index)
    {
        var chars = new List<char>();
        for (var i = index; nodes[i].Parent >= 0; i = nodes[i].Parent)
        {
            chars.Add(nodes[i].Via);
        }

        chars.Reverse();
        return new string([.. chars]);
    }

    private static bool AnySet(ulong[] bits, int offset, int count, bool[] mask)
    {
        for (var i = 0; i < count; i++)
        {
            if (mask[i] && IsSet(bits, offset, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSet(ulong[] bits, int offset, int i) => (bits[offset + (i >> 6)] & (1UL << (i & 63))) != 0;

    private static void Set(ulong[] bits, int offset, int i) => bits[offset + (i >> 6)] |= 1UL << (i & 63);

    private sealed class BitsComparer : IEqualityComparer<ulong[]>
    {
        public static readonly BitsComparer Instance = new();

        public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] obj)
        {
            var hash = default(HashCode);
            foreach (var word in obj)
            {
                hash.Add(word);
            }

            return hash.ToHashCode();
        }
    }
}
