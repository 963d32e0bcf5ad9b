using Mandate.Core.Errors;
using Mandate.Core.Time;

namespace Mandate.Core.Tests.Time;

public sealed class DurationTextTests
{
    public static TheoryData<string, long> Valid => new()
    {
        { "90s", 90 },
        { "1s", 1 },
        { "5m", 300 },
        { "1h", 3600 },
        { "2h30m", 9000 },
        { "1d", 86400 },
        { "1d2h3m4s", 93784 },
        { "30m30m", 3600 },
        { "007m", 420 },
        { "0h5m", 300 },
        { "999999999s", 999999999 },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_Duration_GivesItsLength(string text, long seconds)
    {
        var parsed = DurationText.Parse(text, "--ttl");

        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.Equal(TimeSpan.FromSeconds(seconds), parsed.Value);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("5", "needs a unit")]
    [InlineData("1h30", "needs a unit")]
    [InlineData("m", "needs a unit")]
    [InlineData("h5", "needs a unit")]
    [InlineData("-5m", "needs a unit")]
    [InlineData("+5m", "needs a unit")]
    [InlineData("1.5h", "unknown unit '.'")]
    [InlineData("1h 30m", "needs a unit")]
    [InlineData(" 5m", "needs a unit")]
    [InlineData("5x", "unknown unit 'x'")]
    [InlineData("5M", "unknown unit 'M'")]
    [InlineData("5ms", "needs a unit")]
    [InlineData("1w", "unknown unit 'w'")]
    [InlineData("0s", "longer than zero")]
    [InlineData("0h0m", "longer than zero")]
    [InlineData("1234567890s", "too large")]
    [InlineData("99999999999999999999s", "too large")]
    public void Parse_Malformed_IsRefusedWithMDT1020(string? text, string why)
    {
        var parsed = DurationText.Parse(text, "--ttl");

        Assert.False(parsed.IsSuccess);
        Assert.Equal(ErrorCodes.TtlInvalid, parsed.Error.Code);
        Assert.Contains(why, parsed.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("--ttl ", parsed.Error.Message, StringComparison.Ordinal);
    }

    /// <summary>These overflowed TimeSpan and threw (a stack trace from 'mandate svid jwt --ttl 999999999d').</summary>
    [Theory]
    [InlineData("999999999d")]
    [InlineData("999999999h")]
    [InlineData("999999999d999999999d999999999d")]
    [InlineData("10675200d")]
    public void Parse_BeyondTimeSpan_IsRefusedNotThrown(string text)
    {
        var parsed = DurationText.Parse(text, "--ttl");

        Assert.False(parsed.IsSuccess);
        Assert.Equal(ErrorCodes.TtlInvalid, parsed.Error.Code);
        Assert.Contains("too large", parsed.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3600, "1h")]
    [InlineData(5400, "1h30m")]
    [InlineData(90, "1m30s")]
    [InlineData(300, "5m")]
    [InlineData(86400, "1d")]
    [InlineData(93784, "1d2h3m4s")]
    [InlineData(0, "0s")]
    [InlineData(-5, "0s")]
    public void Format_UsesTheLargestExactUnits(long seconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("1h")]
    [InlineData("2h30m")]
    [InlineData("1d2h3m4s")]
    [InlineData("45s")]
    public void Format_ThenParse_RoundTrips(string text) =>
        Assert.Equal(text, DurationText.Format(DurationText.Parse(text, "x").Value));
}
