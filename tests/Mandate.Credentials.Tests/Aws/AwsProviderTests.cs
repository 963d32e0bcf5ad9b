using System.Text.Json;
using Mandate.Core.Errors;
using Mandate.Core.Mandates;
using Mandate.Credentials.Aws;
using Mandate.Credentials.Leases;

namespace Mandate.Credentials.Tests.Aws;

public sealed class AwsProviderTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/deploy";
    private const string Actor = "spiffe://acme.dev/agent/claude-code/webapp/session/s1";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeSts _sts = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("mandate-aws-").FullName;

    public void Dispose()
    {
        _sts.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Issue_AssumesTheRoleNamedAfterTheLease_WithSourceIdentityTagsAndSessionPolicy()
    {
        var provider = Provider(WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey));
        var grant = Grant(TimeSpan.FromMinutes(5));
        var scope = "aws:assume:" + Role + " aws:assume:arn:aws:iam::123456789012:role/readers/* fs:read:/src/**";

        var issued = provider.Issue(Request(Role, scope), grant);

        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        var call = Assert.Single(_sts.AssumeRoleCalls);
        Assert.Null(call.Error);
        var p = call.Parameters;
        Assert.Equal(Role, p["RoleArn"]);
        Assert.Equal("mandate-" + grant.LeaseId[4..], p["RoleSessionName"]);
        Assert.Equal("900", p["DurationSeconds"]); // a 5-minute lease still gets STS's 15-minute floor
        Assert.Equal("claude-code.jane.doe", p["SourceIdentity"]);
        var tags = Tags(p);
        Assert.Equal("task_42", tags["mandate:task"]);
        Assert.Equal(grant.LeaseId, tags["mandate:lease"]);
        Assert.Equal("jane.doe@acme.dev", tags["mandate:human"]);

        using var policy = JsonDocument.Parse(p["Policy"]);
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(2, statements.Count);
        Assert.Equal("*", statements[0].GetProperty("Resource").GetString());
        Assert.Contains("sts:AssumeRole", statements[0].GetProperty("NotAction").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([Role, "arn:aws:iam::123456789012:role/readers/*"], statements[1].GetProperty("Resource").EnumerateArray().Select(e => e.GetString()));

        var credential = issued.Value;
        var key = credential.Secrets["access_key_id"];
        Assert.StartsWith("ASIA", key, StringComparison.Ordinal);
        Assert.Equal(_sts.IssuedSecrets[key], credential.Secrets["secret_access_key"]);
        Assert.Contains(credential.Secrets["session_token"], _sts.IssuedTokens);
        Assert.Equal(Role, credential.Details["role"]);
        Assert.Equal(p["RoleSessionName"], credential.Details["session_name"]);
        Assert.Equal("claude-code.jane.doe", credential.Details["source_identity"]);
        Assert.EndsWith("Z", credential.Details["expiration"], StringComparison.Ordinal);
        Assert.DoesNotContain(credential.Details.Values, v => credential.Secrets.Values.Contains(v));
    }

    [Fact]
    public void Issue_LeaseLongerThanTheFloor_AsksForItsOwnDuration()
    {
        var provider = Provider(WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey));

        Assert.True(provider.Issue(Request(Role, null), Grant(TimeSpan.FromMinutes(30))).IsSuccess);

        Assert.Equal("1800", Assert.Single(_sts.AssumeRoleCalls).Parameters["DurationSeconds"]);
    }

    [Fact]
    public void Issue_WithoutScope_SendsTheNarrowestPolicy()
    {
        var provider = Provider(WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey));

        Assert.True(provider.Issue(Request(Role, null), Grant(TimeSpan.FromMinutes(15))).IsSuccess);

        using var policy = JsonDocument.Parse(Assert.Single(_sts.AssumeRoleCalls).Parameters["Policy"]);
        Assert.Single(policy.RootElement.GetProperty("Statement").EnumerateArray());
    }

    [Fact]
    public void Issue_TemporaryBaseCredentials_SignWithTheirSessionToken()
    {
        _sts.BaseSessionToken = "IQoJb3JpZ2luX2VjE" + FakeSts.RandomText(80, "abcdefghijklmnopqrstuvwxyz0123456789");
        var withToken = Provider(WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey, _sts.BaseSessionToken));
        var withoutToken = Provider(WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey), "other");

        Assert.True(withToken.Issue(Request(Role, null), Grant(TimeSpan.FromMinutes(15))).IsSuccess);
        var refused = withoutToken.Issue(Request(Role, null), Grant(TimeSpan.FromMinutes(15)));

        Assert.Equal(ErrorCodes.AwsStsRefused, refused.Error?.Code);
        Assert.Contains("InvalidClientTokenId", refused.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_WrongBaseSecret_IsRefusedBySignatureCheck()
    {
        var provider = Provider(WriteProfile(_sts.BaseAccessKeyId, FakeSts.RandomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")));

        var refused = provider.Issue(Request(Role, null), Grant(TimeSpan.FromMinutes(15)));

        Assert.Equal(ErrorCodes.AwsStsRefused, refused.Error?.Code);
        Assert.Contains("SignatureDoesNotMatch", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(_sts.IssuedSecrets);
    }

    [Fact]
    public void Issue_RoleThatDoesNotTrustTheBaseCredentials_IsRefusedWithStsCode()
    {
        _sts.DeniedRoles[Role] = true;
        var provider = Provider(WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey));

        var refused = provider.Issue(Request(Role, null), Grant(TimeSpan.FromMinutes(15)));

        Assert.Equal(ErrorCodes.AwsStsRefused, refused.Error?.Code);
        Assert.Contains("AccessDenied", refused.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("arn:aws:iam::123:role/deploy")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("")]
    public void Issue_RoleNotAnArn_IsRefusedBeforeCallingSts(string role)
    {
        var provider = Provider(WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey));

        var refused = provider.Issue(Request(role, null), Grant(TimeSpan.FromMinutes(15)));

        Assert.Equal(ErrorCodes.AwsRequestInvalid, refused.Error?.Code);
        Assert.Empty(_sts.Calls);
    }

    [Fact]
    public void Issue_UnknownProfile_SaysWhichProfile()
    {
        var provider = new AwsProvider(new AwsProviderOptions { Name = "prod", Profile = "missing", CredentialsFile = WriteProfile("AKIAX", "y"), EndpointUrl = _sts.Endpoint });

        var refused = provider.Issue(Request(Role, null), Grant(TimeSpan.FromMinutes(15)));

        Assert.Equal(ErrorCodes.AwsBaseCredentialsMissing, refused.Error?.Code);
        Assert.Contains("'missing'", refused.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_StsDown_IsUnreachable()
    {
        var endpoint = _sts.Endpoint;
        _sts.Dispose();
        var provider = new AwsProvider(new AwsProviderOptions { Name = "prod", Profile = "base", CredentialsFile = WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey), EndpointUrl = endpoint });

        var refused = provider.Issue(Request(Role, null), Grant(TimeSpan.FromMinutes(15)));

        Assert.Equal(ErrorCodes.AwsStsUnreachable, refused.Error?.Code);
    }

    [Fact]
    public void Capability_IsAssumeOnTheRole_RenewIsImpossible_RevokeMarksOnly()
    {
        var provider = Provider(WriteProfile(_sts.BaseAccessKeyId, _sts.BaseSecretAccessKey));

        Assert.Equal("aws:assume:" + Role, provider.Capability(Request(Role, null)));
        Assert.Equal("aws", provider.Kind);
        Assert.True(Capability.Parse(provider.Capability(Request(Role, null))).IsSuccess);
        Assert.Empty(_sts.Calls);
    }

    internal static LeaseGrant Grant(TimeSpan ttl) =>
        new("lse_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), Actor, "jane.doe@acme.dev", "task_42", "mdt_1", Now, Now + ttl);

    internal static LeaseRequest Request(string role, string? scope)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["role"] = role };
        if (scope is not null)
        {
            parameters["scope"] = scope;
        }

        return new LeaseRequest { Provider = "prod", Parameters = parameters };
    }

    private AwsProvider Provider(string credentialsFile, string profile = "base") =>
        new(new AwsProviderOptions { Name = "prod", Profile = profile, CredentialsFile = credentialsFile, EndpointUrl = _sts.Endpoint, Region = _sts.Region });

    private string WriteProfile(string keyId, string secret, string? token = null)
    {
        var path = Path.Combine(_dir, "credentials-" + Guid.NewGuid().ToString("N"));
        var text = $"[base]\naws_access_key_id = {keyId}\naws_secret_access_key = {secret}\n" + (token is null ? "" : $"aws_session_token = {token}\n");
        text += $"[other]\naws_access_key_id = {keyId}\naws_secret_access_key = {secret}\n";
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, string> Tags(IReadOnlyDictionary<string, string> p)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = 1; p.TryGetValue($"Tags.member.{n}.Key", out var key); n++)
        {
            tags[key] = p[$"Tags.member.{n}.Value"];
        }

        return tags;
    }
}
