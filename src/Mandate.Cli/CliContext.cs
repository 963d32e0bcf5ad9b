using System.CommandLine;
using Mandate.Cli.Output;
using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Storage;
using Mandate.Core.Svid;
using Mandate.Storage.Sqlite;

namespace Mandate.Cli;

/// <summary>What every command needs: output, the home, the clock, and the store opened once on demand.</summary>
internal sealed class CliContext : IDisposable
{
    private Outcome<Settings>? _settings;
    private IMandateStore? _store;
    private AuditKeys? _auditKeys;
    private Outcome<Authority>? _authority;

    public CliContext(CliOutput output, MandateHome home, TimeProvider time)
    {
        Output = output;
        Home = home;
        Time = time;
    }

    public CliOutput Output { get; }

    public MandateHome Home { get; }

    public TimeProvider Time { get; }

    public Outcome<Settings> Settings => _settings ??= Home.LoadSettings();

    /// <summary>The store; needs a valid home (check <see cref="Settings"/> first).</summary>
    public IMandateStore Store => _store ??= OpenStore();

    /// <summary>Who is acting: the configured user's email, else the OS user.</summary>
    public string Actor =>
        Settings is { IsSuccess: true, Value.UserEmail: { Length: > 0 } email } ? "user:" + email : "os:" + Environment.UserName;

    public Outcome<Authority> Authority => _authority ??= Settings.IsSuccess ? Core.Svid.Authority.Load(Home, Settings.Value) : Settings.Error;

    public Outcome<AgentRegistry> Agents() =>
        Settings.IsSuccess ? new AgentRegistry(Settings.Value.TrustDomain, Store.Agents, Time) : Settings.Error;

    public static CliContext From(ParseResult parse)
    {
        var json = parse.GetValue(GlobalOptions.Json);
        var home = parse.GetValue(GlobalOptions.Home);
        var output = new CliOutput(json, Console.Out, Console.Error);
        var resolved = MandateHome.Resolve(
            string.IsNullOrEmpty(home) ? Environment.GetEnvironmentVariable(MandateHome.EnvironmentVariable) : home,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        return new CliContext(output, resolved, TimeProvider.System);
    }

    private SqliteStore OpenStore()
    {
        var settings = Settings.IsSuccess ? Settings.Value : throw new InvalidOperationException("The home is not valid: " + Settings.Error.Message);
        _auditKeys = AuditKeys.LoadOrCreate(Home, settings.TrustDomain.Name);
        return SqliteStore.Open(Home.DatabasePath, _auditKeys, Time);
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
