using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

public sealed class ConfigCommandTests
{
    [Fact]
    public async Task Set_UserEmail_IsStoredLowercase_AndBecomesTheActorOfLaterRecords()
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync("config", "set", "user.email", "Jane@Acme.dev")).AssertSuccess();
        await home.RegisterAsync();

        Assert.Equal("jane@acme.dev", (await home.RunAsync("config", "get", "user.email")).AssertSuccess().Stdout.Trim());
        var records = JsonDocument.Parse((await home.RunAsync("audit", "list", "--json")).AssertSuccess().Stdout).RootElement;
        Assert.Equal("user:jane@acme.dev", records[records.GetArrayLength() - 1].GetProperty("actor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Set_ATtlAboveItsMaximum_IsRefused_AndTheFileIsUnchanged()
    {
        using var home = await new TempHome().InitAsync();
        var before = File.ReadAllText(Path.Combine(home.Home, "config.json"));

        (await home.RunAsync("config", "set", "ttl.mandate", "10h")).AssertError(1, "MDT1006");

        Assert.Equal(before, File.ReadAllText(Path.Combine(home.Home, "config.json")));
    }

    [Theory]
    [InlineData("ttl.nope", "1h")]
    [InlineData("trust_domain", "other.dev")]
    [InlineData("user.email", "not-an-email")]
    [InlineData("ttl.jwt_svid", "5 minutes")]
    public async Task Set_BadKeyOrValue_IsRefusedWithMDT1006(string key, string value)
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync("config", "set", key, value)).AssertError(1, "MDT1006");
    }
}
