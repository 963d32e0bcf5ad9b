using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Storage;
using Mandate.Core.Svid;

namespace Mandate.Agents.Runtime;

/// <summary>What a process needs of the home: its settings and clock, and the store and authority opened on first use.</summary>
public sealed class HomeContext : IDisposable
{
    private readonly Func<string, AuditKeys, TimeProvider, IMandateStore> _openStore;
    private Outcome<Settings>? _settings;
    private IMandateStore? _store;
    private AuditKeys? _auditKeys;
    private Outcome<Authority>? _authority;

    /// <summary>A context whose store is opened by <paramref name="openStore"/> (path, audit keys this context keeps owning, clock).</summary>
    public HomeContext(Func<string, AuditKeys, TimeProvider, IMandateStore> openStore, MandateHome home, TimeProvider time)
    {
        _openStore = openStore;
        Home = home;
        Time = time;
    }

    public MandateHome Home { get; }

    public TimeProvider Time { get; }

    public Outcome<Settings> Settings => _settings ??= Home.LoadSettings();

    /// <summary>The store; needs a valid home (check <see cref="Settings"/> first).</summary>
    public IMandateStore Store => _store ??= OpenStore();

    public Outcome<Authority> Authority => _authority ??= Settings.IsSuccess ? Core.Svid.Authority.Load(Home, Settings.Value) : Settings.Error;

    private IMandateStore OpenStore()
    {
        var settings = Settings.IsSuccess ? Settings.Value : throw new InvalidOperationException("The home is not valid: " + Settings.Error.Message);
        _auditKeys = AuditKeys.LoadOrCreate(Home, settings.TrustDomain.Name);
        return _openStore(Home.DatabasePath, _auditKeys, Time);
    }

    public void Dispose()
    {
        _store?.Dispose();
        _auditKeys?.Dispose();
        if (_authority is { IsSuccess: true } a)
        {
            a.Value.Dispose();
        }
    }
}
