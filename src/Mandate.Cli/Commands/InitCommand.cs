using System.CommandLine;
using Mandate.Cli.Output;
using Mandate.Core.Home;
using Mandate.Storage.Sqlite;

namespace Mandate.Cli.Commands;

internal static class InitCommand
{
    private static readonly Option<string> TrustDomain = new("--trust-domain")
    {
        Description = "The trust domain's name, e.g. acme.dev (lowercase letters, digits, '.', '-', '_').",
        Required = true,
    };

    private static readonly Option<bool> Force = new("--force")
    {
        Description = "If a home exists, move it aside (nothing is deleted) and create a new one.",
    };

    public static Command Create()
    {
        var command = new Command("init", "Create a trust domain: its store, certificate authority, JWT key and config.")
        {
            TrustDomain,
            Force,
        };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var initializer = new HomeInitializer(ctx.Time, (path, keys) => SqliteStore.Open(path, keys, ctx.Time));
        var result = initializer.Init(ctx.Home, parse.GetValue(TrustDomain)!, parse.GetValue(Force), "os:" + Environment.UserName);
        if (!result.IsSuccess)
        {
            return ctx.Output.Fail(result.Error);
        }

        var r = result.Value;
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new InitOutput(r.Home.Root, r.TrustDomain.Name, r.CaFingerprint, r.JwtKid, r.PreviousHomeMovedTo), CliJsonContext.Output.InitOutput);
            return ExitCodes.Success;
        }

        if (r.PreviousHomeMovedTo is not null)
        {
            ctx.Output.Out.WriteLine($"Moved the previous home to {r.PreviousHomeMovedTo}");
        }

        ctx.Output.Out.WriteLine($"Created trust domain {r.TrustDomain.IdString} in {r.Home.Root}");
        ctx.Output.Out.WriteLine($"  CA certificate  {r.Home.CaCertificatePath} (SHA-256 {r.CaFingerprint})");
        ctx.Output.Out.WriteLine($"  JWT key id      {r.JwtKid}");
        ctx.Output.Out.WriteLine($"  config          {r.Home.ConfigPath}");
        ctx.Output.Out.WriteLine("Next: mandate agent register --type claude-code --project <project> --sponsor <your email>");
        return ExitCodes.Success;
    }
}
