using System.Security.Cryptography.X509Certificates;
using Mandate.Agents.Runtime;
using Mandate.Core.Errors;
using Mandate.Core.Mandates;

namespace Mandate.Cli.Commands;

/// <summary>What the mandate commands share: the service, and reading tokens and certificates from the command line.</summary>
internal static class MandateCli
{
    public const string TokenVariable = MandateToken.Variable;
    public const string TokenFileVariable = MandateToken.FileVariable;

    public static Outcome<MandateService> Service(CliContext ctx)
    {
        var authority = ctx.Authority;
        var agents = authority.IsSuccess ? ctx.Agents() : authority.Error;
        if (!agents.IsSuccess)
        {
            return agents.Error;
        }

        var settings = ctx.Settings.Value;
        var store = ctx.Store;
        var issuer = new MandateIssuer(authority.Value.JwtKey, settings.TrustDomain, ctx.Time, settings.MandateMaxTtl);
        var verifier = new MandateVerifier(authority.Value.Bundle(1), ctx.Time, store.Mandates.IsRevoked);
        return new MandateService(agents.Value, issuer, verifier, store.Mandates, store.Audit, ctx.Time);
    }

    /// <summary>The registered agent id for an id or SPIFFE ID given on the command line; null when none was given.</summary>
    public static Outcome<string?> AgentId(CliContext ctx, string? agent)
    {
        if (agent is null)
        {
            return Outcome<string?>.Success(null);
        }

        var found = ctx.Agents().Value.Find(agent);
        return found.IsSuccess ? found.Value.Id.Value : found.Error;
    }

    /// <summary>A token given as itself, as a file holding it, or (when absent) from MANDATE_TOKEN / MANDATE_TOKEN_FILE.</summary>
    public static Outcome<string> ReadToken(string? argument) => MandateToken.Read(argument);

    /// <summary>The DER of the first certificate in a PEM file (an X.509-SVID), to bind a mandate to.</summary>
    public static Outcome<ReadOnlyMemory<byte>?> ReadCertificate(string? path)
    {
        if (path is null)
        {
            return Outcome<ReadOnlyMemory<byte>?>.Success(null);
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return Outcome<ReadOnlyMemory<byte>?>.Success(certificate.RawData);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return new MandateError(ErrorCodes.InputUnreadable, $"Cannot read an X.509 certificate from {path}: {WhyUnreadable(path, e)}.", "Pass the svid.pem written by 'mandate svid x509'.");
        }
    }

    // The runtime's messages are resource keys in the Native AOT build (UseSystemResourceKeys), so the reason is ours.
    private static string WhyUnreadable(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException when Directory.Exists(path) => "it is a folder, not a file",
        UnauthorizedAccessException => "permission denied",
        IOException => "the file cannot be read",
        _ => "it holds no PEM certificate ('-----BEGIN CERTIFICATE-----')",
    };
}
