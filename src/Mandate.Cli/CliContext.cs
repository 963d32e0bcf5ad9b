using System.CommandLine;
using Mandate.Agents.Runtime;
using Mandate.Cli.Output;
using Mandate.Core.Agents;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Storage;
using Mandate.Core.Svid;
using Mandate.Storage.Sqlite;

namespace Mandate.Cli;

/// <summary>What every command needs: output, and the home with its settings, clock, store and authority (<see cref="HomeContext"/>).</summary>
internal sealed class CliContext : IDisposable
{
    public CliContext(CliOutput output, MandateHome home, TimeProvider time)
    {
        Output = output;
        HomeContext = new HomeContext(SqliteStore.Open, home, time);
    }

    public CliOutput Output { get; }

    public HomeContext HomeContext { get; }

    public MandateHome Home => HomeContext.Home;

    public TimeProvider Time => HomeContext.Time;

    public Outcome<Settings> Settings => HomeContext.Settings;

    /// <summary>The store; needs a valid home (check <see cref="Settings"/> first).</summary>
    public IMandateStore Store => HomeContext.Store;

    /// <summary>Who is acting: the configured user's email, else the OS user.</summary>
    public string Actor =>
        Settings is { IsSuccess: true, Value.UserEmail: { Length: > 0 } email } ? "user:" + email : "os:" + Environment.UserName;

    public Outcome<Authority> Authority => HomeContext.Authority;

    public Outcome<AgentRegistry> Agents() =>
        Settings.IsSuccess ? new AgentRegistry(Settings.Value.TrustDomain, Store.Agents, Time) : Settings.Error;

    public static CliContext From(ParseResult parse)
    {
        var json = parse.GetValue(GlobalOptions.Json);
        var home = parse.GetValue(GlobalOptions.Home);
        var output = new CliOutput(json, Console.Out, Console.Error);
        var resolved = MandateHome.Resolve(
            string.IsNullOrEmpty(home) ? Environment.GetEnvironmentVariable(MandateHome.EnvironmentVariable) : home,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify));
        return new CliContext(output, resolved, TimeProvider.System);
    }

    public void Dispose() => HomeContext.Dispose();
}
