using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Credentials.Ssh;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Credentials.Tests.Ssh;

public sealed class SshProviderTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("mandate-ssh-provider-").FullName;
    private readonly SshCertificateAuthority _ca = SshCertificateAuthority.FromSeed(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "mandate-ssh-ca@acme.dev");
    private readonly FakeTimeProvider _time = new(Noon);

    private SshProvider Provider(SshOptions? options = null) =>
        new(_ca, options ?? new SshOptions(), new SshRevocationList(Path.Combine(_directory, "ssh"), _ca.PublicKey, _time));

    [Fact]
    public void Capability_IsLoginAsThePrincipalOnTheLoweredHost()
    {
        Assert.Equal("ssh:login:deploy@db1.prod.acme.dev", Provider().Capability(SshTestData.Request("deploy", "DB1.Prod.Acme.dev")));
        Assert.Equal("ssh", Provider().Kind);
    }

    [Fact]
    public void Issue_CertificateRunsFromAMinuteBeforeTheGrantToItsExpiry_NamingLeaseAgentHumanAndTask()
    {
        var grant = SshTestData.Grant(Noon, TimeSpan.FromMinutes(5));

        var credential = Provider().Issue(SshTestData.Request("deploy"), grant).Value;
        var path = Path.Combine(_directory, "id-cert.pub");
        File.WriteAllText(path, credential.Secrets[SshProvider.CertificateSecret] + "\n");
        var text = SshTools.Describe(path);

        Assert.Contains("Valid: from 2026-11-23T11:59:00 to 2026-11-23T12:05:00", text, StringComparison.Ordinal);
        Assert.Contains($"Key ID: \"mandate:{grant.LeaseId} agent={SshTestData.Actor} human=jane@acme.dev task=t-42\"", text, StringComparison.Ordinal);
        Assert.Contains($"Serial: {credential.Details["serial"]}", text, StringComparison.Ordinal);
        Assert.Equal(["certificate_type", "host", "key_fingerprint", "key_id", "principal", "serial"], credential.Details.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("deploy", credential.Details["principal"]);
        Assert.Equal("db1.prod.acme.dev", credential.Details["host"]);
    }

    [Fact]
    public void Issue_WithoutAPublicKey_GeneratesOne_AndOnlyTheSecretsHoldTheprivateKey()
    {
        var credential = Provider().Issue(SshTestData.Request("deploy"), SshTestData.Grant(Noon, TimeSpan.FromMinutes(5))).Value;

        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----", credential.Secrets[SshProvider.PrivateKeySecret], StringComparison.Ordinal);
        Assert.StartsWith("ssh-ed25519-cert-v01@openssh.com AAAA", credential.Secrets[SshProvider.CertificateSecret], StringComparison.Ordinal);
        Assert.DoesNotContain(credential.Details.Values, v => v.Contains("PRIVATE", StringComparison.Ordinal));
    }

    [Fact]
    public void Issue_SourceAddressComesFromTheRequestElseTheConfiguration()
    {
        var configured = Provider(new SshOptions { SourceAddress = "10.0.0.0/8" });

        var fromConfig = configured.Issue(SshTestData.Request("deploy"), SshTestData.Grant(Noon, TimeSpan.FromMinutes(5))).Value;
        var fromRequest = configured.Issue(SshTestData.Request("deploy", sourceAddress: "192.0.2.7"), SshTestData.Grant(Noon, TimeSpan.FromMinutes(5))).Value;

        Assert.Equal("10.0.0.0/8", fromConfig.Details["source_address"]);
        Assert.Equal("192.0.2.7", fromRequest.Details["source_address"]);
    }

    [Fact]
    public void Issue_ABadPrincipalHostAndSourceAddress_AreReportedTogether()
    {
        var outcome = Provider().Issue(SshTestData.Request("-oProxyCommand=x", "bad host", sourceAddress: "everywhere"), SshTestData.Grant(Noon, TimeSpan.FromMinutes(5)));

        Assert.Equal(ErrorCodes.SshRequestInvalid, outcome.Error!.Code);
        Assert.Contains("3 problem(s)", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renew_IsNotPossible()
    {
        var provider = Provider();
        var grant = SshTestData.Grant(Noon, TimeSpan.FromMinutes(5));
        var lease = SshTestData.LeaseFor(grant, provider.Issue(SshTestData.Request("deploy"), grant).Value);

        Assert.False(provider.Renew(lease, Noon.AddMinutes(10)).Value);
    }

    [Fact]
    public void Revoke_ListsTheSerial_Idempotently_AndALeaseWithoutASerialIsAnError()
    {
        var provider = Provider();
        var grant = SshTestData.Grant(Noon, TimeSpan.FromMinutes(5));
        var credential = provider.Issue(SshTestData.Request("deploy"), grant).Value;
        var lease = SshTestData.LeaseFor(grant, credential);

        Assert.True(provider.Revoke(lease).Value);
        Assert.True(provider.Revoke(lease).Value);
        var missing = provider.Revoke(lease with { Details = new Dictionary<string, string>() });

        var list = new SshRevocationList(Path.Combine(_directory, "ssh"), _ca.PublicKey, _time);
        Assert.Equal([ulong.Parse(credential.Details["serial"], System.Globalization.CultureInfo.InvariantCulture)], list.Serials());
        Assert.Equal(ErrorCodes.SshRevocationFailed, missing.Error!.Code);
    }

    [Fact]
    public void Options_AreReadFromTheHome_AndEveryProblemIsReported()
    {
        var home = new MandateHome(Path.Combine(_directory, "home"));
        Assert.Null(SshOptions.Load(home).Value.SourceAddress);
        Directory.CreateDirectory(SshOptions.DirectoryOf(home));
        var path = Path.Combine(SshOptions.DirectoryOf(home), SshOptions.FileName);

        File.WriteAllText(path, """{"source_address": "127.0.0.1/32", "force_command": "/bin/true"}""");
        var good = SshOptions.Load(home).Value;
        File.WriteAllText(path, """{"source_address": "nowhere", "colour": "blue"}""");
        var bad = SshOptions.Load(home);

        Assert.Equal("127.0.0.1/32", good.SourceAddress);
        Assert.Equal("/bin/true", good.ForceCommand);
        Assert.Equal(ErrorCodes.SshConfigInvalid, bad.Error!.Code);
        Assert.Contains("2 problem(s)", bad.Error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
