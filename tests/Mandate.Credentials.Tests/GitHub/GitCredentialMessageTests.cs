using Mandate.Core.Errors;
using Mandate.Credentials.GitHub;

namespace Mandate.Credentials.Tests.GitHub;

public sealed class GitCredentialMessageTests
{
    [Fact]
    public void Read_KnownAndUnknownKeys_KeepsEveryLineInOrder()
    {
        var input = "protocol=https\nhost=github.com\npath=acme/api.git\nwwwauth[]=Basic realm=\"GitHub\"\ncapability[]=authtype\ncapability[]=state\nfuture_key=a=b\n\nignored=after-blank\n";
        var message = GitCredentialMessage.Read(new StringReader(input)).Value;

        Assert.Equal("https", message.Protocol);
        Assert.Equal("github.com", message.Host);
        Assert.Equal("acme/api.git", message.Path);
        Assert.Equal(["Basic realm=\"GitHub\""], message.All("wwwauth[]"));
        Assert.Equal(["authtype", "state"], message.All("capability[]"));
        Assert.Equal("a=b", message["future_key"]);
        Assert.Null(message["ignored"]);
        Assert.Equal(7, message.Entries.Count);
    }

    [Fact]
    public void Read_EmptyValueOfAList_ClearsIt_AndSingleKeysKeepTheLastValue()
    {
        var message = GitCredentialMessage.Read(new StringReader("capability[]=authtype\ncapability[]=\ncapability[]=state\nusername=a\nusername=b")).Value;

        Assert.Equal(["state"], message.All("capability[]"));
        Assert.Equal("b", message.Username);
    }

    [Fact]
    public void Read_EndOfInputWithoutBlankLine_EndsTheMessage()
    {
        var message = GitCredentialMessage.Read(new StringReader("protocol=http\nhost=127.0.0.1:8080")).Value;
        Assert.Equal("127.0.0.1:8080", message.Host);
    }

    [Theory]
    [InlineData("protocol\n")]
    [InlineData("=value\n")]
    [InlineData("host=a\0b\n")]
    public void Read_MalformedLine_IsRefused(string input)
    {
        var result = GitCredentialMessage.Read(new StringReader(input));
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.GitCredentialInputInvalid, result.Error.Code);
    }

    [Fact]
    public void Read_OversizedInput_IsRefused()
    {
        var result = GitCredentialMessage.Read(new StringReader("x=" + new string('a', GitCredentialMessage.MaxLength) + "\n"));
        Assert.Equal(ErrorCodes.GitCredentialInputInvalid, result.Error?.Code);
    }

    [Fact]
    public void Write_RoundTrips()
    {
        var message = new GitCredentialMessage().Add("username", "x-access-token").Add("password", "p=q").Add("password_expiry_utc", "1700000000").Add("capability[]", "authtype");
        var writer = new StringWriter();
        Assert.True(message.Write(writer).Value);

        Assert.Equal("username=x-access-token\npassword=p=q\npassword_expiry_utc=1700000000\ncapability[]=authtype\n", writer.ToString());
        Assert.Equal(message.Entries, GitCredentialMessage.Read(new StringReader(writer.ToString())).Value.Entries);
    }

    [Theory]
    [InlineData("password", "a\nb")]
    [InlineData("password", "a\rb")]
    [InlineData("pass=word", "x")]
    public void Write_ValueThatWouldBreakTheLine_WritesNothing(string key, string value)
    {
        var writer = new StringWriter();
        var result = new GitCredentialMessage().Add("username", "u").Add(key, value).Write(writer);

        Assert.Equal(ErrorCodes.GitCredentialInputInvalid, result.Error?.Code);
        Assert.Equal("", writer.ToString());
        Assert.DoesNotContain(value, result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme/api.git", "acme/api")]
    [InlineData("acme/api", "acme/api")]
    [InlineData("/acme/api.git/", "acme/api")]
    [InlineData("acme/my.repo.git", "acme/my.repo")]
    [InlineData("acme", null)]
    [InlineData("acme/api/extra", null)]
    [InlineData("acme/..", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void RepositoryOf_NamesOneRepositoryOrNone(string? path, string? expected) =>
        Assert.Equal(expected, GitCredentialMessage.RepositoryOf(path));
}
