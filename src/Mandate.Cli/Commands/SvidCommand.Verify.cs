using System.CommandLine;
using Mandate.Cli.Output;
using Mandate.Core.Errors;
using Mandate.Core.Svid;

namespace Mandate.Cli.Commands;

internal static partial class SvidCommand
{
    private static readonly Argument<string> Document = new("svid") { Description = "A PEM file holding an X.509-SVID, a file holding a JWT-SVID, or the token itself ('-' reads stdin)." };
    private static readonly Option<string?> VerifyAudience = new("--audience") { Description = "Require this audience in a JWT-SVID." };
    private static readonly Option<string?> BundleFile = new("--bundle") { Description = "Verify against this bundle (PEM or JWKS) instead of the home's own." };

    private static Command CreateVerify()
    {
        var verify = new Command("verify", "Verify an X.509-SVID or JWT-SVID against the trust bundle; exits 1 with the reason if it fails.")
        {
            Document,
            VerifyAudience,
            BundleFile,
        };
        verify.SetHandler(Verify);
        return verify;
    }

    private static int Verify(ParseResult parse, CliContext ctx)
    {
        var authority = ctx.Authority;
        if (!authority.IsSuccess)
        {
            return ctx.Output.Fail(authority.Error);
        }

        var input = ReadDocument(parse.GetValue(Document)!);
        var bundle = input.IsSuccess ? LoadBundle(parse.GetValue(BundleFile), authority.Value) : input.Error;
        if (!bundle.IsSuccess)
        {
            return ctx.Output.Fail(bundle.Error);
        }

        var result = new SvidVerifier(bundle.Value, ctx.Time).Verify(input.Value, parse.GetValue(VerifyAudience));
        if (!result.IsSuccess)
        {
            return ctx.Output.Fail(result.Error);
        }

        var v = result.Value;
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new VerifyOutput(true, v.Kind, v.SpiffeId, v.ExpiresAt, v.Audience), CliJsonContext.Output.VerifyOutput);
        }
        else
        {
            ctx.Output.Out.WriteLine($"valid {v.Kind} {v.SpiffeId} expires {v.ExpiresAt:u}" + (v.Audience.Count > 0 ? $" audience {string.Join(",", v.Audience)}" : ""));
        }

        return ExitCodes.Success;
    }

    private static Outcome<string> ReadDocument(string argument)
    {
        try
        {
            if (argument == "-")
            {
                return Console.In.ReadToEnd();
            }

            if (File.Exists(argument))
            {
                return new FileInfo(argument).Length > 1024 * 1024
                    ? new MandateError(ErrorCodes.InputUnreadable, $"{argument} is larger than 1 MiB.", "Pass an SVID file or token.")
                    : File.ReadAllText(argument);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MandateError(ErrorCodes.InputUnreadable, $"Cannot read {argument}: {e.GetType().Name}.", "Check the path and its permissions.");
        }

        return argument.Count(c => c == '.') == 2 && !argument.Contains('/', StringComparison.Ordinal)
            ? argument
            : new MandateError(ErrorCodes.InputUnreadable, $"'{argument}' is neither a readable file nor a JWT.", "Pass the path of svid.pem, or a JWT-SVID token.");
    }

    private static Outcome<TrustBundle> LoadBundle(string? path, Authority authority)
    {
        if (path is null)
        {
            return authority.Bundle(1);
        }

        try
        {
            return TrustBundle.Parse(authority.TrustDomain, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException
            or System.Security.Cryptography.CryptographicException or KeyNotFoundException or InvalidOperationException)
        {
            return new MandateError(ErrorCodes.InputUnreadable, $"The bundle {path} cannot be read: {e.GetType().Name}.", "Pass a PEM bundle or a SPIFFE bundle JWKS.");
        }
    }
}
