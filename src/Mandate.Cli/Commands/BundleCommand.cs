using System.CommandLine;

namespace Mandate.Cli.Commands;

internal static class BundleCommand
{
    /// <summary>How often relying parties should refetch the bundle.</summary>
    private static readonly TimeSpan RefreshHint = TimeSpan.FromMinutes(5);

    private static readonly Option<string> Format = new("--format")
    {
        Description = "pem (X.509 authorities) or jwks (SPIFFE bundle: x509-svid and jwt-svid keys).",
        DefaultValueFactory = _ => "pem",
    };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("pem", "jwks");
        var command = new Command("bundle", "Print the trust bundle that verifies this trust domain's SVIDs.") { Format };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var authority = ctx.Authority;
        if (!authority.IsSuccess)
        {
            return ctx.Output.Fail(authority.Error);
        }

        var bundle = authority.Value.Bundle(1);
        ctx.Output.Out.Write(parse.GetValue(Format) == "jwks" || ctx.Output.Json ? bundle.ToJwks(RefreshHint) : bundle.ToPem());
        return ExitCodes.Success;
    }
}
