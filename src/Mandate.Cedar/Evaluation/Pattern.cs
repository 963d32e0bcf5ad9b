namespace Mandate.Cedar.Evaluation;

/// <summary>
/// A compiled <c>like</c> pattern: literal segments separated by <c>*</c>. Matching finds each middle segment
/// at its leftmost position after the previous one, which is correct for star-only globs. Long segments are
/// searched with Knuth-Morris-Pratt, short ones with the vectorised ordinal search, so a match runs in time
/// linear in text plus pattern: no backtracking, no blow-up on hostile patterns.
/// </summary>
internal sealed class Pattern
{
    private const int ShortSegment = 8;
    private readonly string[] _segments;
    private readonly int[]?[] _failure;

    /// <param name="parts">The pattern as written: literal strings, with null for each <c>*</c>.</param>
    public Pattern(IReadOnlyList<string?> parts)
    {
        Parts = parts;
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part is null)
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(part);
            }
        }

        segments.Add(current.ToString());
        _segments = [.. segments];
        _failure = new int[]?[_segments.Length];
        for (var i = 1; i < _segments.Length - 1; i++)
        {
            if (_segments[i].Length > ShortSegment)
            {
                _failure[i] = FailureTable(_segments[i]);
            }
        }
    }

    /// <summary>The pattern as written (null elements are wildcards), kept for formatting.</summary>
    public IReadOnlyList<string?> Parts { get; }

    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_segments.Length == 1)
        {
            return string.Equals(text, _segments[0], StringComparison.Ordinal);
        }

        var first = _segments[0];
        var last = _segments[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.Ordinal)
            || !text.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var pos = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < _segments.Length - 1; i++)
        {
            var segment = _segments[i];
            if (segment.Length == 0)
            {
                continue;
            }

            var table = _failure[i];
            var found = table is null
                ? text.AsSpan(pos, end - pos).IndexOf(segment.AsSpan(), StringComparison.Ordinal)
                : Search(text.AsSpan(pos, end - pos), segment, table);
            if (found < 0)
            {
                return false;
            }

            pos += found + segment.Length;
        }

        return true;
    }

    private static int[] FailureTable(string segment)
    {
        var table = new int[segment.Length];
        var k = 0;
        for (var i = 1; i < segment.Length; i++)
        {
            while (k > 0 && segment[i] != segment[k])
            {
                k = table[k - 1];
            }

            if (segment[i] == segment[k])
            {
                k++;
            }

            table[i] = k;
        }

        return table;
    }

    private static int Search(ReadOnlySpan<char> text, string segment, int[] table)
    {
        var k = 0;
        for (var i = 0; i < text.Length; i++)
        {
            while (k > 0 && text[i] != segment[k])
            {
                k = table[k - 1];
            }

            if (text[i] == segment[k])
            {
                k++;
            }

            if (k == segment.Length)
            {
                return i - segment.Length + 1;
            }
        }

        return -1;
    }
}
