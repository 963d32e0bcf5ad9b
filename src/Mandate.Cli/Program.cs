using System.CommandLine;
using Mandate.Cli;
using Mandate.Cli.Commands;
using Mandate.Agents.Runtime;
using Mandate.Cli.Hooks;
using Mandate.Cli.Output;

// The hook is on the path of every agent tool call: it skips building the command tree, and every way
// out of it is a decision or a deny (HookRuntime), never an exit code an agent reads as "go ahead".
if (args.Length > 0 && args[0] == "hook")
{
    return HookRuntime.Run(args[1..], Console.OpenStandardInput(), Console.Out, Console.Error, SessionEvents.Host);
}

var root = new RootCommand("Mandate: identity and access for AI coding agents.")
{
    GlobalOptions.Json,
    GlobalOptions.Home,
    InitCommand.Create(),
    AgentCommand.Create(),
    SvidCommand.Create(),
    BundleCommand.Create(),
    AuditCommand.Create(),
    PolicyCommand.Create(),
    ConfigCommand.Create(),
    GrantCommand.Create(),
    DelegateCommand.Create(),
    MandateVerifyCommand.CreateVerify(),
    MandateVerifyCommand.CreateInspect(),
    RevokeCommand.Create(),
    MandateListCommand.Create(),
    TaskCommand.Create(),
    InstallCommand.CreateInstall(),
    InstallCommand.CreateUninstall(),
    StatusCommand.Create(),
    WhyCommand.Create(),
    HookCommand.Create(),
    CredentialCommand.Create(),
    SshCommand.Create(),
    LeaseCommand.Create(),
    SecretCommand.Create(),
    ProviderCommand.Create(),
    RunCommand.Create(),
    DemoCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    var output = new CliOutput(parse.GetValue(GlobalOptions.Json), Console.Out, Console.Error);
    // System.CommandLine's messages can span lines ("Must be one of:\n\t'pem'…"); the error stays one line.
    var message = string.Join(' ', parse.Errors.SelectMany(e => e.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    return output.Usage(message, "Run 'mandate --help' (or '<command> --help') for usage.");
}

try
{
    // System.CommandLine's own handler would print the stack trace and exit 1; ours prints one line and exits 3.
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    // A bug: say so in one line, without a stack trace or any data that could hold a secret.
    Console.Error.WriteLine($"error MDT0003: internal error ({e.GetType().Name}). Fix: report this; set MANDATE_DEBUG=1 for details.");
    if (Environment.GetEnvironmentVariable("MANDATE_DEBUG") == "1")
    {
        Console.Error.WriteLine(e);
    }

    return ExitCodes.Internal;
}
