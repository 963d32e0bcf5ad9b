using System.Diagnostics;
using FsCheck.Xunit;

namespace Mandate.Cedar.Tests.Evaluation;

public sealed class LikeTests
{
    [Theory]
    [InlineData("\"/home/alice/notes.txt\" like \"/home/*\"", "true")]
    [InlineData("\"/home/alice/notes.txt\" like \"*.txt\"", "true")]
    [InlineData("\"abc\" like \"a*c\"", "true")]
    [InlineData("\"abc\" like \"a*d\"", "false")]
    [InlineData("\"\" like \"*\"", "true")]
    [InlineData("\"abc\" like \"abc\"", "true")]
    [InlineData("\"abcd\" like \"abc\"", "false")]
    [InlineData("\"aXbXc\" like \"*X*X*\"", "true")]
    [InlineData("\"aXb\" like \"*X*X*\"", "false")]
    public void Like_StarMatchesAcrossCharacters(string expression, string expected) =>
        Assert.Equal(expected, Cedar.Eval(expression));

    [Fact]
    public void Like_EscapedStarMatchesOnlyAStar()
    {
        Assert.Equal("true", Cedar.Eval("\"a*b\" like \"a\\*b\""));
        Assert.Equal("false", Cedar.Eval("\"axb\" like \"a\\*b\""));
    }

    [Fact]
    public void Like_OnNonString_IsATypeError() => Assert.True(Cedar.IsError("1 like \"*\""));

    [Fact]
    public void Like_PathologicalPattern_RunsWithoutBacktrackingBlowUp()
    {
        var text = new string('a', 20_000);
        var pattern = string.Concat(Enumerable.Repeat("a*", 200)) + "b";
        var watch = Stopwatch.StartNew();
        Assert.Equal("false", Cedar.Eval($"\"{text}\" like \"{pattern}\""));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Like_LongSegments_MatchLikeASubstringSearch()
    {
        Assert.Equal("true", Cedar.Eval("\"xxaaaaaaaaaabaaaaaaaaaabyy\" like \"xx*aaaaaaaaaab*yy\""));
        Assert.Equal("true", Cedar.Eval("\"abababababababababc-abababababc\" like \"*ababababc*ababababc\""));
        Assert.Equal("false", Cedar.Eval("\"aaaaaaaaaaaaaaaaaaaa\" like \"*aaaaaaaaab*\""));
    }

    [Fact]
    public void Like_PathologicalLongSegment_RunsInLinearTime()
    {
        var text = new string('a', 200_000);
        var pattern = "*" + new string('a', 5_000) + "b*";
        var watch = Stopwatch.StartNew();
        Assert.Equal("false", Cedar.Eval($"\"{text}\" like \"{pattern}\""));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Property]
    public bool Like_LongNeedle_IsSubstringTest(string? haystack, string? needle)
    {
        haystack = Sanitize(haystack) + Sanitize(needle) + Sanitize(needle);
        needle = Sanitize(needle) + "0123456789";
        var result = Cedar.Eval($"\"{haystack}\" like \"*{needle}*\"");
        return result == (haystack.Contains(needle, StringComparison.Ordinal) ? "true" : "false");
    }

    [Property]
    public bool Like_WithStarsOnBothSides_IsSubstringTest(string? haystack, string? needle)
    {
        haystack = Sanitize(haystack);
        needle = Sanitize(needle);
        var result = Cedar.Eval($"\"{haystack}\" like \"*{needle}*\"");
        return result == (haystack.Contains(needle, StringComparison.Ordinal) ? "true" : "false");
    }

    [Property]
    public bool Like_WithoutWildcards_IsEquality(string? a, string? b)
    {
        a = Sanitize(a);
        b = Sanitize(b);
        return Cedar.Eval($"\"{a}\" like \"{b}\"") == (a == b ? "true" : "false");
    }

    private static string Sanitize(string? s) =>
        new((s ?? string.Empty).Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || c == '/').ToArray());
}
