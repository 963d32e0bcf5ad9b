using Mandate.Core.Home;
using Mandate.Credentials.Ssh;

namespace Mandate.Credentials.Tests.Ssh;

/// <summary>One Mandate home with its SSH CA, and one real sshd trusting that CA and reading its KRL.</summary>
public sealed class SshLoginFixture : IDisposable
{
    public SshLoginFixture()
    {
        Root = Directory.CreateTempSubdirectory("mandate-ssh-home-").FullName;
        Home = new MandateHome(Root);
        Ca = SshCertificateAuthority.LoadOrCreate(Home, "acme.dev").Value;
        Revocations = SshRevocationList.For(Home, Ca.PublicKey, TimeProvider.System);
        Revocations.EnsureExists();
        Server = SshServer.Start(Ca.PublicKeyLine, Revocations.KrlPath);
        User = SshTools.CurrentUser;
    }

    public string Root { get; }

    public MandateHome Home { get; }

    public SshCertificateAuthority Ca { get; }

    public SshRevocationList Revocations { get; }

    internal SshServer Server { get; }

    /// <summary>Who the tests log in as: the user running them.</summary>
    public string User { get; }

    public SshProvider Provider(SshOptions? options = null) => new(Ca, options ?? new SshOptions(), Revocations);

    public void Dispose()
    {
        Server.Dispose();
        Ca.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
