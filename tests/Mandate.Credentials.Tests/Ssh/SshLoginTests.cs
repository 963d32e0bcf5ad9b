using System.Diagnostics;
using Mandate.Credentials.Ssh;

namespace Mandate.Credentials.Tests.Ssh;

/// <summary>Leased certificates against a real sshd: what it accepts, what it refuses, and what it logs.</summary>
public sealed class SshLoginTests(SshLoginFixture fixture) : IClassFixture<SshLoginFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mandate-ssh-client-").FullName;

    [Fact]
    public void Login_InsideTheValidityWindow_Works_AndSshdLogsTheKeyId()
    {
        var grant = SshTestData.Grant(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));
        var credential = fixture.Provider().Issue(SshTestData.Request(fixture.User), grant).Value;
        var (key, certificate) = SshTestData.WriteFiles(_directory, credential);

        var login = fixture.Server.Login(fixture.User, key, certificate);

        Assert.True(login.ExitCode == 0, "login failed: " + login.StandardError + "\n" + fixture.Server.Log);
        var log = fixture.Server.Log;
        Assert.Contains($"Accepted certificate ID \"{SshProvider.KeyId(grant)}\" (serial {credential.Details["serial"]})", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public void Login_WithTheUsersOwnKeyOfEachType_Works(string type)
    {
        var key = SshTools.KeyGen(_directory, type, "id_" + type);
        var grant = SshTestData.Grant(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));
        var credential = fixture.Provider().Issue(SshTestData.Request(fixture.User, publicKey: File.ReadAllText(key + ".pub")), grant).Value;
        Assert.False(credential.Secrets.ContainsKey(SshProvider.PrivateKeySecret));
        var (_, certificate) = SshTestData.WriteFiles(_directory, credential, key);

        var login = fixture.Server.Login(fixture.User, key, certificate);

        Assert.True(login.ExitCode == 0, $"{type} login failed: " + login.StandardError + "\n" + fixture.Server.Log);
    }

    [Fact]
    public void Login_AsAUserWhoIsNotTheCertificatesPrincipal_Fails()
    {
        var grant = SshTestData.Grant(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));
        var credential = fixture.Provider().Issue(SshTestData.Request("someone-else"), grant).Value;
        var (key, certificate) = SshTestData.WriteFiles(_directory, credential);

        var login = fixture.Server.Login(fixture.User, key, certificate);

        Assert.NotEqual(0, login.ExitCode);
        Assert.Contains("Permission denied", login.StandardError, StringComparison.Ordinal);
        Assert.Contains("not a listed principal", fixture.Server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Login_AfterTheCertificateExpires_Fails()
    {
        // A real three-second lease (valid_after is still a minute back, for clock skew); poll until it has passed.
        var grant = SshTestData.Grant(TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(3));
        var credential = fixture.Provider().Issue(SshTestData.Request(fixture.User), grant).Value;
        var (key, certificate) = SshTestData.WriteFiles(_directory, credential);

        var clock = Stopwatch.StartNew();
        SshTools.Result login;
        do
        {
            login = fixture.Server.Login(fixture.User, key, certificate);
            if (login.ExitCode != 0)
            {
                break;
            }

            Thread.Sleep(500);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.NotEqual(0, login.ExitCode);
        Assert.True(TimeProvider.System.GetUtcNow() >= grant.ExpiresAt.AddSeconds(-1), "refused before the certificate expired: " + fixture.Server.Log);
        Assert.Contains("Certificate invalid: expired", fixture.Server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Login_AfterTheLeaseIsRevoked_FailsThroughTheKrl()
    {
        var provider = fixture.Provider();
        var grant = SshTestData.Grant(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));
        var credential = provider.Issue(SshTestData.Request(fixture.User), grant).Value;
        var (key, certificate) = SshTestData.WriteFiles(_directory, credential);
        Assert.Equal(0, fixture.Server.Login(fixture.User, key, certificate).ExitCode);

        Assert.True(provider.Revoke(SshTestData.LeaseFor(grant, credential)).Value);
        var login = fixture.Server.Login(fixture.User, key, certificate);

        Assert.NotEqual(0, login.ExitCode);
        Assert.Contains("revoked", fixture.Server.Log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Login_FromOutsideTheSourceAddress_Fails_AndFromInsideWorks()
    {
        var provider = fixture.Provider(new SshOptions { SourceAddress = "192.0.2.0/24" });
        var now = TimeProvider.System.GetUtcNow();
        var outside = provider.Issue(SshTestData.Request(fixture.User), SshTestData.Grant(now, TimeSpan.FromMinutes(5))).Value;
        var inside = provider.Issue(SshTestData.Request(fixture.User, sourceAddress: "127.0.0.1/32"), SshTestData.Grant(now, TimeSpan.FromMinutes(5))).Value;
        var (outsideKey, outsideCertificate) = SshTestData.WriteFiles(_directory, outside);
        var (insideKey, insideCertificate) = SshTestData.WriteFiles(_directory, inside);

        Assert.NotEqual(0, fixture.Server.Login(fixture.User, outsideKey, outsideCertificate).ExitCode);
        Assert.Contains("with valid certificate but not from a permitted source address", fixture.Server.Log, StringComparison.Ordinal);
        var login = fixture.Server.Login(fixture.User, insideKey, insideCertificate);
        Assert.True(login.ExitCode == 0, "login failed: " + login.StandardError);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
