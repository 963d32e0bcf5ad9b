using Mandate.Core.Errors;
using Mandate.Credentials.Aws;

namespace Mandate.Credentials.Tests.Aws;

public sealed class AwsConfigFileTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/deploy";
    private readonly string _dir = Directory.CreateTempSubdirectory("mandate-awsconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config => Path.Combine(_dir, ".aws", "config");

    private string Credentials => Path.Combine(_dir, ".aws", "credentials");

    [Fact]
    public void Install_NewFile_WritesTheProfileOwnerOnly()
    {
        var result = AwsConfigFile.Install(Config, Credentials, "mandate", "/usr/bin/mandate credential aws --role " + Role);

        Assert.True(result.Value.Changed);
        Assert.Equal("[profile mandate]\ncredential_process = /usr/bin/mandate credential aws --role " + Role + "\n", File.ReadAllText(Config));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Config));
        }
    }

    [Fact]
    public void Install_ExistingFile_KeepsEveryOtherProfileAndLine_AndIsIdempotent()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        const string before = "# my settings\n[default]\nregion = eu-west-1\n\n[profile mandate]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 4\n\n[profile other]\noutput = json\n";
        File.WriteAllText(Config, before);

        var first = AwsConfigFile.Install(Config, Credentials, "mandate", "/opt/m/mandate credential aws --provider prod --role " + Role);
        var text = File.ReadAllText(Config);
        var second = AwsConfigFile.Install(Config, Credentials, "mandate", "/opt/m/mandate credential aws --provider prod --role " + Role);

        Assert.True(first.Value.Changed);
        Assert.False(second.Value.Changed);
        Assert.Equal(
            "# my settings\n[default]\nregion = eu-west-1\n\n[profile mandate]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 4\ncredential_process = /opt/m/mandate credential aws --provider prod --role " + Role + "\n\n[profile other]\noutput = json\n",
            text);
        Assert.Equal(text, File.ReadAllText(Config));
    }

    [Fact]
    public void Install_ReplacesAnOlderCredentialProcessLine()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        File.WriteAllText(Config, "[profile mandate]\ncredential_process = /old/mandate credential aws\n[profile x]\nregion = a\n");

        Assert.True(AwsConfigFile.Install(Config, Credentials, "mandate", "/new/mandate credential aws --role " + Role).Value.Changed);

        Assert.Equal("[profile mandate]\ncredential_process = /new/mandate credential aws --role " + Role + "\n[profile x]\nregion = a\n", File.ReadAllText(Config));
    }

    [Theory]
    [InlineData("config", "[profile dev]\naws_access_key_id = AKIAEXAMPLE\n")]
    [InlineData("config", "[profile dev]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n")]
    [InlineData("credentials", "[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n")]
    public void Install_ProfileWithItsOwnCredentials_IsLeftAlone(string file, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        var path = file == "config" ? Config : Credentials;
        File.WriteAllText(path, content);

        var refused = AwsConfigFile.Install(Config, Credentials, "dev", "/usr/bin/mandate credential aws --role " + Role);

        Assert.Equal(ErrorCodes.AwsConfigFileInvalid, refused.Error?.Code);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void Command_QuotesAPathWithSpaces_AndRefusesARelativeOne()
    {
        Assert.Equal("\"/opt/my tools/mandate\" credential aws --provider prod --role " + Role, AwsConfigFile.Command("/opt/my tools/mandate", "prod", Role).Value);
        Assert.Equal(ErrorCodes.AwsConfigFileInvalid, AwsConfigFile.Command("mandate", "prod", Role).Error?.Code);
        Assert.Equal(ErrorCodes.AwsRequestInvalid, AwsConfigFile.Command("/usr/bin/mandate", "prod", "deploy").Error?.Code);
    }

    [Fact]
    public void Config_RoundTripsAndValidates()
    {
        var options = new AwsProviderOptions { Name = "prod", Profile = "base", Region = "eu-west-1", EndpointUrl = new Uri("http://127.0.0.1:4566/") };

        var back = AwsProviderConfig.FromConfig("prod", AwsProviderConfig.ToConfig(options));

        Assert.Equal(options, back.Value);
        Assert.Equal(ErrorCodes.AwsConfigInvalid, AwsProviderConfig.Validate(options with { Region = "EU WEST" }).Error?.Code);
        Assert.Equal(ErrorCodes.AwsConfigInvalid, AwsProviderConfig.Validate(options with { MaxTtl = TimeSpan.FromMinutes(5) }).Error?.Code);
    }
}
