namespace Mandate.Cedar.Evaluation;

/// <summary>
/// A compiled <c>like</c> pattern: literal segments separated by <c>*</c>. Matching finds each middle segment
/// at its leftmost position, which is correct for star-only globs and runs in O(text × pattern) at worst;
/// there is no backtracking blow-up.
/// </summary>
internal sealed class Pattern
{
    private readonly string[] _segments;

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

            var found = text.AsSpan(pos, end - pos).IndexOf(segment.AsSpan(), StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            pos += found + segment.Length;
        }

        return true;
    }
}
