using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Home;

public sealed class HomeInitializerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mandate-core-home-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStore _store = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Acme.dev", "lowercase")]
    [InlineData("acme.dev:8443", "port")]
    [InlineData("jane@acme.dev", "userinfo")]
    [InlineData("acme.dev/agents", "path")]
    [InlineData("spiffe://acme.dev", "spiffe://")]
    [InlineData("acme_dev!", "'!' is not allowed")]
    [InlineData("", "empty")]
    public void Init_TrustDomainTheSpecForbids_IsRefusedSayingWhy_AndWritesNothing(string name, string why)
    {
        var home = new MandateHome(Path.Combine(_dir, "home"));

        var result = Initializer().Init(home, name, force: false, "test");

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.TrustDomainInvalid, result.Error.Code);
        Assert.Contains(why, result.Error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(home.Root));
        Assert.Empty(_store.AllEvents);
    }

    [Fact]
    public void Init_NewHome_WritesKeysConfigAndAnInitEvent()
    {
        var home = new MandateHome(Path.Combine(_dir, "home"));

        var result = Initializer().Init(home, "acme.dev", force: false, "user:jane@acme.dev");

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.True(home.Exists);
        Assert.True(File.Exists(home.CaKeyPath));
        Assert.True(File.Exists(home.CaCertificatePath));
        Assert.True(File.Exists(home.JwtKeyPath));
        Assert.Equal("acme.dev", home.LoadSettings().Value.TrustDomain.Name);
        var e = Assert.Single(_store.AllEvents);
        Assert.Equal("trust_domain.init", e.Event);
        Assert.Equal("spiffe://acme.dev", e.Resource);
        Assert.Equal(_time.GetUtcNow(), e.Time);
        Assert.DoesNotContain("PRIVATE", InMemoryStore.Data(e), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(home.Root));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(home.CaKeyPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(home.JwtKeyPath));
        }
    }

    [Fact]
    public void Init_ExistingHome_IsRefusedWithoutForce()
    {
        var home = new MandateHome(Path.Combine(_dir, "home"));
        Assert.True(Initializer().Init(home, "acme.dev", false, "test").IsSuccess);
        var caBefore = File.ReadAllText(home.CaCertificatePath);

        var again = Initializer().Init(home, "other.dev", false, "test");

        Assert.Equal(ErrorCodes.HomeExists, again.Error?.Code);
        Assert.Equal(caBefore, File.ReadAllText(home.CaCertificatePath));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Init_HomePathThatIsAFile_IsRefused_AndTheFileIsLeftAlone(bool force)
    {
        var path = Path.Combine(_dir, "home");
        File.WriteAllText(path, "not a folder");

        var result = Initializer().Init(new MandateHome(path), "acme.dev", force, "test");

        Assert.Equal(ErrorCodes.HomeExists, result.Error?.Code);
        Assert.Contains("is a file", result.Error?.Message, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(path));
    }

    [Fact]
    public void Init_WithForceAndTrailingSlash_MovesTheOldHomeAside()
    {
        var root = Path.Combine(_dir, "home");
        Assert.True(Initializer().Init(new MandateHome(root), "acme.dev", false, "test").IsSuccess);
        var oldCa = File.ReadAllText(Path.Combine(root, "keys", "ca.pem"));
        _time.Advance(TimeSpan.FromSeconds(1));

        var forced = Initializer().Init(new MandateHome(root + Path.DirectorySeparatorChar), "other.dev", true, "test");

        Assert.True(forced.IsSuccess, forced.Error?.Message);
        var movedTo = forced.Value.PreviousHomeMovedTo;
        Assert.NotNull(movedTo);
        Assert.StartsWith(root + ".replaced-", movedTo, StringComparison.Ordinal);
        Assert.Equal(oldCa, File.ReadAllText(Path.Combine(movedTo, "keys", "ca.pem")));
        Assert.NotEqual(oldCa, File.ReadAllText(Path.Combine(root, "keys", "ca.pem")));
    }

    private HomeInitializer Initializer() => new(_time, (_, _) => _store);
}
