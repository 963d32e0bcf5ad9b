using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Credentials.Ssh;
using Mandate.Credentials.Ssh.Internal;

namespace Mandate.Credentials.Tests.Ssh;

/// <summary>The certificate writer, the CA key and the KRL, checked by OpenSSH's own ssh-keygen.</summary>
public sealed class SshCertificateTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("mandate-ssh-cert-").FullName;

    [Fact]
    public void SshKeygen_ShowsEveryFieldOfTheCertificate()
    {
        using var ca = NewCa();
        var key = SshTools.KeyGen(_directory, "ed25519", "id_ed25519");
        var certificate = ca.Issue(new SshCertificateRequest
        {
            SubjectKey = SshPublicKey.Parse(File.ReadAllText(key + ".pub")).Value,
            KeyId = "mandate:lse_1 agent=spiffe://acme.dev/agent/claude-code/webapp human=jane@acme.dev task=t-42",
            Principals = ["deploy", "admin"],
            ValidAfter = Noon.AddSeconds(-60),
            ValidBefore = Noon.AddMinutes(5),
            SourceAddress = "127.0.0.1/32,10.0.0.0/8",
            Serial = 12345678901234567890,
        }).Value;
        File.WriteAllText(key + "-cert.pub", certificate.ToLine("lse_1") + "\n");

        var text = SshTools.Describe(key + "-cert.pub");

        Assert.Contains("Type: ssh-ed25519-cert-v01@openssh.com user certificate", text, StringComparison.Ordinal);
        Assert.Contains($"Signing CA: ED25519 {ca.PublicKey.Fingerprint} (using ssh-ed25519)", text, StringComparison.Ordinal);
        Assert.Contains("Key ID: \"mandate:lse_1 agent=spiffe://acme.dev/agent/claude-code/webapp human=jane@acme.dev task=t-42\"", text, StringComparison.Ordinal);
        Assert.Contains("Serial: 12345678901234567890", text, StringComparison.Ordinal);
        Assert.Contains("Valid: from 2026-11-23T11:59:00 to 2026-11-23T12:05:00", text, StringComparison.Ordinal);
        Assert.Matches(@"Principals: \n\s+deploy\n\s+admin\n", text);
        Assert.Matches(@"Critical Options: \n\s+source-address 127.0.0.1/32,10.0.0.0/8\n", text);
        Assert.Matches(@"Extensions: \n\s+permit-pty\n?$", text);
        Assert.DoesNotContain("forwarding", text, StringComparison.Ordinal);
        Assert.DoesNotContain("permit-user-rc", text, StringComparison.Ordinal);
        Assert.DoesNotContain("force-command", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256-cert-v01@openssh.com")]
    [InlineData("rsa", "ssh-rsa-cert-v01@openssh.com")]
    public void TheCertificateTypeFollowsTheSubjectKey(string type, string certificateType)
    {
        using var ca = NewCa();
        var key = SshTools.KeyGen(_directory, type, "id_" + type);
        var certificate = Issue(ca, SshPublicKey.Parse(File.ReadAllText(key + ".pub")).Value);
        File.WriteAllText(key + "-cert.pub", certificate.ToLine() + "\n");

        var text = SshTools.Describe(key + "-cert.pub");

        Assert.Equal(certificateType, certificate.Type);
        Assert.Contains($"Type: {certificateType} user certificate", text, StringComparison.Ordinal);
        // ssh-keygen -L prints the subject's fingerprint: the certificate carries the user's key unchanged.
        Assert.Contains(SshPublicKey.Parse(File.ReadAllText(key + ".pub")).Value.Fingerprint, text, StringComparison.Ordinal);
    }

    [Fact]
    public void AGeneratedPrivateKey_IsReadByOpenSsh_AndMatchesTheCertifiedKey()
    {
        var (publicKey, privateKey) = SshProvider.GenerateKey("mandate-lse_1");
        var path = Path.Combine(_directory, "generated");
        SshTools.WritePrivate(path, privateKey);

        var derived = SshTools.Run("ssh-keygen", "-y", "-f", path);

        Assert.True(derived.ExitCode == 0, derived.StandardError);
        Assert.StartsWith(publicKey.ToLine().Split(' ')[0] + " " + publicKey.ToLine().Split(' ')[1], derived.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyWrittenBySshKeygen_IsReadBack()
    {
        var key = SshTools.KeyGen(_directory, "ed25519", "from_keygen");

        Assert.True(OpenSshPrivateKey.TryReadEd25519(File.ReadAllText(key), out var seed, out var publicKey, out var error), error);

        Assert.Equal(32, seed.Length);
        Assert.Equal(SshPublicKey.Parse(File.ReadAllText(key + ".pub")).Value.Blob.ToArray(), SshPublicKey.FromEd25519(publicKey, "").Blob.ToArray());
    }

    [Fact]
    public void TheCaKey_IsCreatedOnce_Owner0600_InOpenSshFormat()
    {
        var home = new MandateHome(Path.Combine(_directory, "home"));
        using var first = SshCertificateAuthority.LoadOrCreate(home, "acme.dev").Value;
        using var second = SshCertificateAuthority.LoadOrCreate(home, "acme.dev").Value;
        var path = SshCertificateAuthority.KeyPath(home);

        Assert.Equal(first.PublicKeyLine, second.PublicKeyLine);
        Assert.Matches("^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/=]+ mandate-ssh-ca@acme.dev$", first.PublicKeyLine);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var derived = SshTools.Run("ssh-keygen", "-y", "-f", path);
        Assert.Equal(first.PublicKeyLine, derived.StandardOutput.Trim());
    }

    [Fact]
    public void ACorruptCaKey_IsRefusedWithoutEchoingIt()
    {
        var home = new MandateHome(Path.Combine(_directory, "home"));
        Directory.CreateDirectory(home.KeysDirectory);
        File.WriteAllText(SshCertificateAuthority.KeyPath(home), "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWNhbmFyeQ==\n-----END OPENSSH PRIVATE KEY-----\n");

        var outcome = SshCertificateAuthority.LoadOrCreate(home, "acme.dev");

        Assert.Equal(ErrorCodes.SshCaKeyInvalid, outcome.Error!.Code);
        Assert.DoesNotContain("c2VjcmV0", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKrl_IsReadBySshKeygen_AndRevokesExactlyItsSerials()
    {
        using var ca = NewCa();
        var revoked = Issue(ca, SshPublicKey.Parse(File.ReadAllText(SshTools.KeyGen(_directory, "ed25519", "a") + ".pub")).Value);
        var kept = Issue(ca, SshPublicKey.Parse(File.ReadAllText(SshTools.KeyGen(_directory, "ed25519", "b") + ".pub")).Value);
        File.WriteAllText(Path.Combine(_directory, "a-cert.pub"), revoked.ToLine() + "\n");
        File.WriteAllText(Path.Combine(_directory, "b-cert.pub"), kept.ToLine() + "\n");
        var list = new SshRevocationList(Path.Combine(_directory, "ssh"), ca.PublicKey, TimeProvider.System);

        list.Revoke(revoked.Serial);
        list.Revoke(revoked.Serial);

        var check = SshTools.Run("ssh-keygen", "-Q", "-f", list.KrlPath, Path.Combine(_directory, "a-cert.pub"), Path.Combine(_directory, "b-cert.pub"));
        Assert.Matches(@"a-cert\.pub \([^)]*\): REVOKED", check.StandardOutput);
        Assert.Matches(@"b-cert\.pub \([^)]*\): ok", check.StandardOutput);
        Assert.Equal([revoked.Serial], list.Serials());
        Assert.Contains($"serial: {revoked.Serial}", File.ReadAllText(list.SerialsPath), StringComparison.Ordinal);
        // The text list is also a valid ssh-keygen -k specification.
        var rebuilt = SshTools.Run("ssh-keygen", "-k", "-f", Path.Combine(_directory, "rebuilt.krl"), "-s", WriteCa(ca), list.SerialsPath);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.StandardError);
    }

    [Fact]
    public void ARequestWithoutPrincipalsOrWithABadSourceAddress_IsRefused()
    {
        using var ca = NewCa();
        var key = SshProvider.GenerateKey("k").PublicKey;

        var noPrincipal = ca.Issue(Request(key) with { Principals = [] });
        var badSource = ca.Issue(Request(key) with { SourceAddress = "not-an-address" });
        var backwards = ca.Issue(Request(key) with { ValidBefore = Noon.AddMinutes(-10) });

        Assert.Equal(ErrorCodes.SshRequestInvalid, noPrincipal.Error!.Code);
        Assert.Contains("any user", noPrincipal.Error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.SshRequestInvalid, badSource.Error!.Code);
        Assert.Equal(ErrorCodes.SshRequestInvalid, backwards.Error!.Code);
    }

    [Theory]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "not supported")]
    [InlineData("ssh-ed25519", "is not '<type> <base64>")]
    [InlineData("ssh-ed25519 !!!notbase64", "not valid base64")]
    [InlineData("ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAAAAQC7", "does not start with its type")]
    [InlineData("ssh-ed25519-cert-v01@openssh.com AAAA", "is a certificate")]
    public void APublicKeyLineThatIsNotAUsableKey_IsRefusedSayingWhy(string line, string why)
    {
        var outcome = SshPublicKey.Parse(line);

        Assert.Equal(ErrorCodes.SshPublicKeyInvalid, outcome.Error!.Code);
        Assert.Contains(why, outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortRsaKey_IsRefused()
    {
        var key = SshTools.KeyGen(_directory, "rsa", "short", "-b", "1024");

        var outcome = SshPublicKey.Parse(File.ReadAllText(key + ".pub"));

        Assert.Contains("1024 bits", outcome.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WireWriter_EncodesAsRfc4251Says()
    {
        // RFC 4251 §5 examples.
        Assert.Equal("00000000", Hex(w => w.MpInt([])));
        Assert.Equal("00000000", Hex(w => w.MpInt([0, 0])));
        Assert.Equal("0000000809a378f9b2e332a7", Hex(w => w.MpInt(Convert.FromHexString("09a378f9b2e332a7"))));
        Assert.Equal("000000020080", Hex(w => w.MpInt([0x80])));
        Assert.Equal("000000020080", Hex(w => w.MpInt([0, 0, 0x80])));
        Assert.Equal("00000000", Hex(w => w.NameList([])));
        Assert.Equal("000000047a6c6962", Hex(w => w.NameList(["zlib"])));
        Assert.Equal("000000097a6c69622c6e6f6e65", Hex(w => w.NameList(["zlib", "none"])));
        Assert.Equal("0000000774657374696e67", Hex(w => w.String("testing")));
        Assert.Equal("29b7f4aa", Hex(w => w.UInt32(699921578)));
        Assert.Equal("0000000100000002", Hex(w => w.UInt64(0x1_0000_0002)));
        Assert.Equal("000000080000000361626300", Hex(w => w.Nested(n => n.String("abc").Byte(0))));
    }

    private static string Hex(Action<SshWireWriter> write)
    {
        var writer = new SshWireWriter();
        write(writer);
        return Convert.ToHexStringLower(writer.WrittenSpan);
    }

    private static SshCertificateAuthority NewCa() =>
        SshCertificateAuthority.FromSeed(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "mandate-ssh-ca@acme.dev");

    private static SshCertificateRequest Request(SshPublicKey key) => new()
    {
        SubjectKey = key, KeyId = "mandate:test", Principals = ["deploy"], ValidAfter = Noon.AddSeconds(-60), ValidBefore = Noon.AddMinutes(5),
    };

    private static SshCertificate Issue(SshCertificateAuthority ca, SshPublicKey key) => ca.Issue(Request(key)).Value;

    private string WriteCa(SshCertificateAuthority ca)
    {
        var path = Path.Combine(_directory, "ca.pub");
        File.WriteAllText(path, ca.PublicKeyLine + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
