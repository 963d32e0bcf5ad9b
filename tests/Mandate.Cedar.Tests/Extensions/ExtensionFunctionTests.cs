namespace Mandate.Cedar.Tests.Extensions;

public sealed class ExtensionFunctionTests
{
    [Theory]
    [InlineData("ip(\"10.0.0.1\").isIpv4()", "true")]
    [InlineData("ip(\"::1\").isIpv6()", "true")]
    [InlineData("ip(\"127.0.0.1\").isLoopback()", "true")]
    [InlineData("ip(\"::1\").isLoopback()", "true")]
    [InlineData("ip(\"224.0.0.1\").isMulticast()", "true")]
    [InlineData("ip(\"ff02::1\").isMulticast()", "true")]
    [InlineData("ip(\"10.1.2.3\").isInRange(ip(\"10.0.0.0/8\"))", "true")]
    [InlineData("ip(\"10.0.0.0/8\").isInRange(ip(\"10.0.0.0/16\"))", "false")]
    [InlineData("ip(\"10.0.0.1\").isInRange(ip(\"::/0\"))", "false")]
    [InlineData("ip(\"10.0.0.1\") == ip(\"10.0.0.1/32\")", "true")]
    [InlineData("ip(\"10.0.0.1/24\") == ip(\"10.0.0.0/24\")", "false")]
    public void Ip_MethodsFollowCedar(string expression, string expected) => Assert.Equal(expected, Cedar.Eval(expression));

    [Theory]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3")]
    [InlineData("256.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.0.0.1/33")]
    [InlineData("10.0.0.1/08")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1::2::3")]
    public void Ip_InvalidText_IsAnError(string text) => Assert.True(Cedar.IsError($"ip(\"{text}\")"));

    [Theory]
    [InlineData("decimal(\"1.23\").lessThan(decimal(\"1.24\"))", "true")]
    [InlineData("decimal(\"-0.5\").lessThanOrEqual(decimal(\"-0.5000\"))", "true")]
    [InlineData("decimal(\"2.0\").greaterThan(decimal(\"1.9999\"))", "true")]
    [InlineData("decimal(\"1.1\") == decimal(\"1.1000\")", "true")]
    [InlineData("decimal(\"922337203685477.5807\").greaterThanOrEqual(decimal(\"0.0\"))", "true")]
    public void Decimal_ComparesByValue(string expression, string expected) => Assert.Equal(expected, Cedar.Eval(expression));

    [Theory]
    [InlineData("1.23456")]
    [InlineData("1")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("922337203685477.5808")]
    [InlineData("+1.0")]
    public void Decimal_InvalidText_IsAnError(string text) => Assert.True(Cedar.IsError($"decimal(\"{text}\")"));

    [Fact]
    public void Decimal_LessThanOperator_IsATypeError() => Assert.True(Cedar.IsError("decimal(\"1.0\") < decimal(\"2.0\")"));

    [Theory]
    [InlineData("datetime(\"2024-01-01\") < datetime(\"2024-01-01T00:00:01Z\")", "true")]
    [InlineData("datetime(\"2024-01-01T10:00:00+0100\") == datetime(\"2024-01-01T09:00:00Z\")", "true")]
    [InlineData("datetime(\"2024-02-29T12:30:00.250Z\").toTime().toMilliseconds()", "45000250")]
    [InlineData("datetime(\"2024-02-29T12:30:00Z\").toDate() == datetime(\"2024-02-29\")", "true")]
    [InlineData("datetime(\"1969-12-31T23:00:00Z\").toDate() == datetime(\"1969-12-31\")", "true")]
    [InlineData("datetime(\"1969-12-31T23:00:00Z\").toTime().toHours()", "23")]
    [InlineData("datetime(\"2024-01-02\").durationSince(datetime(\"2024-01-01\")).toHours()", "24")]
    [InlineData("datetime(\"2024-01-01\").offset(duration(\"1d\")) == datetime(\"2024-01-02\")", "true")]
    [InlineData("datetime(\"0000-01-01\") < datetime(\"1970-01-01\")", "true")]
    public void DateTime_MethodsFollowCedar(string expression, string expected) => Assert.Equal(expected, Cedar.Eval(expression));

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024-1-01")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T10:00:00")]
    [InlineData("2024-01-01T10:00:00+2400")]
    [InlineData("2024-01-01 10:00:00Z")]
    public void DateTime_InvalidText_IsAnError(string text) => Assert.True(Cedar.IsError($"datetime(\"{text}\")"));

    [Theory]
    [InlineData("duration(\"1d2h3m4s5ms\").toMilliseconds()", "93784005")]
    [InlineData("duration(\"-90m\").toHours()", "-1")]
    [InlineData("duration(\"1h\") > duration(\"59m\")", "true")]
    [InlineData("duration(\"-9223372036854775808ms\").toMilliseconds()", "-9223372036854775808")]
    [InlineData("duration(\"36h\").toDays()", "1")]
    public void Duration_MethodsFollowCedar(string expression, string expected) => Assert.Equal(expected, Cedar.Eval(expression));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1h1d")]
    [InlineData("1d1d")]
    [InlineData("1")]
    [InlineData("9223372036854775808ms")]
    [InlineData("106751991168d")]
    public void Duration_InvalidText_IsAnError(string text) => Assert.True(Cedar.IsError($"duration(\"{text}\")"));

    [Theory]
    [InlineData("datetime(\"1970-01-01\").offset(duration(\"9223372036854775807ms\")).offset(duration(\"1ms\"))")]
    [InlineData("ip(\"1.2.3.4\").isInRange(ip(\"1.2.3.4\"), ip(\"1.2.3.4\"))")]
    [InlineData("ip(\"1.2.3.4\").lessThan(decimal(\"1.0\"))")]
    [InlineData("decimal(1)")]
    public void ExtensionCalls_WithBadArguments_AreErrors(string expression) => Assert.True(Cedar.IsError(expression));
}
