using System.Text.Json;
using Mandate.Credentials.Tests.Ssh;

namespace Mandate.Cli.Tests.Commands;

/// <summary><c>mandate ssh ca</c> and <c>mandate lease ssh</c> through the binary, against a real sshd trusting the CA.</summary>
public sealed class LeaseSshTests
{
    [Fact]
    public async Task LeaseSsh_GivesACertificateSshdAccepts_UntilTheLeaseIsRevoked()
    {
        using var session = await MandateSession.StartAsync();
        var user = SshTools.CurrentUser;
        var ca = (await session.RunAsync("ssh", "ca")).AssertSuccess().Stdout.Trim();
        Assert.EndsWith(" mandate-ssh-ca@acme.dev", ca, StringComparison.Ordinal);
        using var server = SshServer.Start(ca, Path.Combine(session.Home.Home, "ssh", "revoked.krl"));
        var token = (await session.GrantAsync($"ssh:login:{user}@db1.test")).Token;
        var outDirectory = session.Home.PathOf("lease-keys");

        var leased = (await session.RunAsync("lease", "ssh", "--principal", user, "--host", "DB1.test", "--ttl", "5m", "--out", outDirectory, "--mandate", token, "--json")).AssertSuccess();

        using var json = JsonDocument.Parse(leased.Stdout);
        var root = json.RootElement;
        var key = Path.Combine(outDirectory, "id_ed25519");
        Assert.Equal(key + "-cert.pub", root.GetProperty("certificate_path").GetString());
        Assert.Equal(user, root.GetProperty("principal").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, TempHome.ModeOf(key));
        var privateKey = await File.ReadAllTextAsync(key, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(privateKey.Split('\n')[1], leased.Stdout + leased.Stderr, StringComparison.Ordinal);
        var text = SshTools.Describe(key + "-cert.pub");
        Assert.Contains($"Serial: {root.GetProperty("serial").GetString()}", text, StringComparison.Ordinal);
        Assert.Contains($"Key ID: \"mandate:{root.GetProperty("lease_id").GetString()} agent={session.Main.SpiffeId}", text, StringComparison.Ordinal);

        var login = server.Login(user, key, key + "-cert.pub");
        Assert.True(login.ExitCode == 0, "login failed: " + login.StandardError + "\n" + server.Log);
        Assert.Contains($"Accepted certificate ID \"mandate:{root.GetProperty("lease_id").GetString()}", server.Log, StringComparison.Ordinal);

        (await session.RunAsync("lease", "revoke", root.GetProperty("lease_id").GetString()!)).AssertSuccess();
        Assert.NotEqual(0, server.Login(user, key, key + "-cert.pub").ExitCode);

        // The private key is in no stored record: not in the database, not in the audit log.
        var database = await File.ReadAllBytesAsync(Path.Combine(session.Home.Home, "mandate.db"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(privateKey.Split('\n')[1], System.Text.Encoding.UTF8.GetString(database), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaseSsh_WithTheUsersPublicKey_WritesTheCertificateBesideIt()
    {
        using var session = await MandateSession.StartAsync();
        var key = SshTools.KeyGen(session.Home.Directory, "ed25519", "id_user");
        var token = (await session.GrantAsync("ssh:login:deploy@*.prod.acme.dev")).Token;

        var leased = (await session.RunAsync("lease", "ssh", "--principal", "deploy", "--host", "db1.prod.acme.dev", "--public-key", key + ".pub", "--mandate", token)).AssertSuccess();

        Assert.Equal(key + "-cert.pub", leased.Stdout.Trim());
        Assert.Contains("Principals: \n                deploy", SshTools.Describe(key + "-cert.pub"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaseSsh_WithoutTheScope_IsRefused_AndNoCertificateIsWritten()
    {
        using var session = await MandateSession.StartAsync();
        var token = (await session.GrantAsync("ssh:login:deploy@db1.test")).Token;
        var outDirectory = session.Home.PathOf("refused");

        var refused = await session.RunAsync("lease", "ssh", "--principal", "root", "--host", "db1.test", "--out", outDirectory, "--mandate", token);

        Assert.Equal(1, refused.ExitCode);
        Assert.False(File.Exists(Path.Combine(outDirectory, "id_ed25519-cert.pub")));
        Assert.NotEmpty(await session.AuditAsync("lease.refuse"));
    }
}
