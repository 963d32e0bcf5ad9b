using System.Text;
using System.Text.Json;
using Mandate.Credentials.Tests.Aws;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// <c>mandate credential aws</c> as a credential_process, against a local STS that checks SigV4 and the AssumeRole
/// parameters; <c>mandate install aws</c> merging a profile into ~/.aws/config; the AWS CLI through that profile when
/// it is installed. HOME is a temp folder holding Mandate's base profile, so no developer credential can be found.
/// </summary>
public sealed class AwsCredentialTests : IAsyncLifetime
{
    private const string Role = "arn:aws:iam::123456789012:role/deploy";

    private readonly FakeSts _sts = new();
    private MandateSession _session = null!;
    private string _awsHome = "";

    public async ValueTask InitializeAsync()
    {
        _session = await MandateSession.StartAsync();
        _awsHome = _session.Home.PathOf("aws-home");
        Directory.CreateDirectory(Path.Combine(_awsHome, ".aws"));
        await File.WriteAllTextAsync(
            Path.Combine(_awsHome, ".aws", "credentials"),
            $"[mandate-base]\naws_access_key_id = {_sts.BaseAccessKeyId}\naws_secret_access_key = {_sts.BaseSecretAccessKey}\n",
            TestContext.Current.CancellationToken);
        (await RunAsync(null, "provider", "add", "aws", "--name", "prod", "--profile", "mandate-base", "--endpoint-url", _sts.Endpoint.ToString())).AssertSuccess();
    }

    public ValueTask DisposeAsync()
    {
        _sts.Dispose();
        _session.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task CredentialAws_UnderAnAwsScope_PrintsCredentialProcessVersion1Json()
    {
        var token = (await _session.GrantAsync("aws:assume:" + Role + " fs:read:/src/**")).Token;

        var result = (await RunAsync(token, "credential", "aws", "--provider", "prod", "--role", Role)).AssertSuccess();

        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("Version").GetInt32());
        var key = root.GetProperty("AccessKeyId").GetString()!;
        Assert.StartsWith("ASIA", key, StringComparison.Ordinal);
        Assert.Equal(_sts.IssuedSecrets[key], root.GetProperty("SecretAccessKey").GetString());
        Assert.Contains(root.GetProperty("SessionToken").GetString(), _sts.IssuedTokens);
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("Expiration").GetString(), out var expiration));
        Assert.True(expiration > TimeProvider.System.GetUtcNow().AddMinutes(10));
        Assert.Equal("", result.Stderr);

        var call = Assert.Single(_sts.AssumeRoleCalls);
        Assert.Equal("claude-code.jane", call.Parameters["SourceIdentity"]);
        Assert.StartsWith("mandate-", call.Parameters["RoleSessionName"], StringComparison.Ordinal);
        Assert.Equal(_sts.BaseAccessKeyId, call.AccessKeyId);

        // The secrets are nowhere in the audit log or the database.
        var audit = (await _session.RunAsync("audit", "list", "--limit", "1000", "--json")).AssertSuccess().Stdout;
        Assert.Contains("lease.issue", audit, StringComparison.Ordinal);
        var database = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Path.Combine(_session.Home.Home, "mandate.db"), TestContext.Current.CancellationToken));
        foreach (var secret in new[] { root.GetProperty("SecretAccessKey").GetString()!, root.GetProperty("SessionToken").GetString()! })
        {
            Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CredentialAws_WithoutTheScope_FailsWithOneLine_AndNeverCallsSts()
    {
        var token = (await _session.GrantAsync("aws:assume:arn:aws:iam::123456789012:role/readonly")).Token;

        var result = await RunAsync(token, "credential", "aws", "--provider", "prod", "--role", Role);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("MDT6001", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_sts.Calls);
        var audit = (await _session.RunAsync("audit", "list", "--limit", "1000", "--json")).AssertSuccess().Stdout;
        Assert.Contains("lease.refuse", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialAws_NoMandate_FailsAndNeverFallsBackToTheAgentsKeys()
    {
        var environment = Environment(null);
        environment["AWS_ACCESS_KEY_ID"] = _sts.BaseAccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = _sts.BaseSecretAccessKey;

        var result = await CliRunner.RunAsync(CliRunner.Mandate, ["credential", "aws", "--role", Role], environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Empty(_sts.Calls);
    }

    [Fact]
    public async Task CredentialAws_WithoutRole_UsesTheOneRoleTheMandateNames()
    {
        var token = (await _session.GrantAsync("aws:assume:" + Role)).Token;

        (await RunAsync(token, "credential", "aws")).AssertSuccess();

        Assert.Equal(Role, Assert.Single(_sts.AssumeRoleCalls).Parameters["RoleArn"]);
    }

    [Fact]
    public async Task CredentialAws_BaseProfileThatRunsMandate_IsALoopNotARecursion()
    {
        await File.WriteAllTextAsync(Path.Combine(_awsHome, ".aws", "config"), $"[profile loop]\ncredential_process = {CliRunner.Mandate} credential aws --provider loop --role {Role}\n", TestContext.Current.CancellationToken);
        (await RunAsync(null, "provider", "add", "aws", "--name", "loop", "--profile", "loop", "--endpoint-url", _sts.Endpoint.ToString())).AssertSuccess();
        var token = (await _session.GrantAsync("aws:assume:" + Role)).Token;

        var result = await RunAsync(token, "credential", "aws", "--provider", "loop", "--role", Role);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MDT6082", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("MDT6087", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_sts.Calls);
    }

    [Fact]
    public async Task InstallAws_MergesTheProfileIntoAnExistingConfig()
    {
        var config = Path.Combine(_awsHome, ".aws", "config");
        const string before = "[default]\nregion = eu-west-1\noutput = json\n\n[profile staging]\nregion = us-west-2\n";
        await File.WriteAllTextAsync(config, before, TestContext.Current.CancellationToken);

        var first = (await RunAsync(null, "install", "aws", "--profile", "mandate", "--provider", "prod", "--role", Role)).AssertSuccess();
        var again = (await RunAsync(null, "install", "aws", "--profile", "mandate", "--provider", "prod", "--role", Role, "--json")).AssertSuccess();

        var text = await File.ReadAllTextAsync(config, TestContext.Current.CancellationToken);
        Assert.StartsWith(before, text, StringComparison.Ordinal);
        Assert.EndsWith($"\n[profile mandate]\ncredential_process = {CliRunner.Mandate} credential aws --provider prod --role {Role}\n", text, StringComparison.Ordinal);
        Assert.Contains("now gets its credentials", first.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(again.Stdout);
        Assert.False(json.RootElement.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task AwsCli_ThroughTheInstalledProfile_IsTheAssumedRole()
    {
        var aws = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "aws")).FirstOrDefault(File.Exists);
        Assert.SkipWhen(aws is null, "The AWS CLI is not installed; the credential_process output is checked by the tests above.");
        (await RunAsync(null, "install", "aws", "--profile", "mandate", "--provider", "prod", "--role", Role)).AssertSuccess();
        var token = (await _session.GrantAsync("aws:assume:" + Role)).Token;
        var environment = Environment(token);
        environment["AWS_REGION"] = "us-east-1";
        environment["AWS_EC2_METADATA_DISABLED"] = "true";

        var result = (await CliRunner.RunAsync(aws!, ["sts", "get-caller-identity", "--profile", "mandate", "--region", "us-east-1", "--endpoint-url", _sts.Endpoint.ToString(), "--output", "json"], environment)).AssertSuccess();

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.StartsWith("arn:aws:sts::123456789012:assumed-role/deploy/mandate-", json.RootElement.GetProperty("Arn").GetString(), StringComparison.Ordinal);
        var identity = _sts.Calls.Last();
        Assert.Equal("GetCallerIdentity", identity.Action);
        Assert.Null(identity.Error);
        Assert.StartsWith("ASIA", identity.AccessKeyId, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Environment(string? token) => new()
    {
        ["MANDATE_HOME"] = _session.Home.Home,
        ["MANDATE_TOKEN"] = token,
        ["MANDATE_TOKEN_FILE"] = null,
        ["HOME"] = _awsHome,
        ["AWS_CONFIG_FILE"] = null,
        ["AWS_SHARED_CREDENTIALS_FILE"] = null,
        ["AWS_PROFILE"] = null,
    };

    private Task<ProcessResult> RunAsync(string? token, params string[] args) => CliRunner.RunAsync(CliRunner.Mandate, args, Environment(token));
}
