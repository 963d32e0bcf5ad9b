using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Core.Time;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Ssh;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate lease ssh --principal &lt;user&gt; --host &lt;host&gt; [--ttl 5m] [--public-key &lt;file&gt;] [--out &lt;dir&gt;]</c>:
/// an OpenSSH user certificate for the lease, written as <c>&lt;key&gt;-cert.pub</c> beside the key.
/// </summary>
internal static class LeaseSshCommand
{
    public const string GeneratedKeyName = "id_ed25519";
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(5);

    private static readonly Option<string> Principal = new("--principal") { Description = "The user name to log in as (the certificate's one principal).", Required = true };
    private static readonly Option<string> Host = new("--host") { Description = "The host to log in to; the mandate must cover ssh:login:<principal>@<host>.", Required = true };
    private static readonly Option<string?> Ttl = new("--ttl") { Description = "How long the certificate is valid (default 5m; at most 1h and the mandate's expiry)." };
    private static readonly Option<string?> PublicKey = new("--public-key") { Description = "Your public key file (e.g. ~/.ssh/id_ed25519.pub); the certificate is written beside it as <name>-cert.pub." };
    private static readonly Option<string?> Out = new("--out") { Description = "Without --public-key: the directory for a generated key pair (id_ed25519, 0600) and its certificate. Default: $MANDATE_HOME/ssh/leases/<lease id>." };
    private static readonly Option<string?> SourceAddress = new("--source-address") { Description = "Addresses or CIDR blocks the certificate may be used from (comma-separated); default: source_address in $MANDATE_HOME/ssh/config.json." };
    private static readonly Option<string?> MandateToken = LeaseCli.MandateOption();
    private static readonly Option<string?> Presenter = LeaseCli.PresenterOption();

    public static Command Create()
    {
        var command = new Command("ssh", "Lease an OpenSSH user certificate signed by Mandate's SSH CA.")
        {
            Principal, Host, Ttl, PublicKey, Out, SourceAddress, MandateToken, Presenter,
        };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var ttl = DurationText.Parse(parse.GetValue(Ttl) ?? DurationText.Format(DefaultTtl), "--ttl");
        if (!ttl.IsSuccess)
        {
            return ctx.Output.Fail(ttl.Error);
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SshProvider.PrincipalParameter] = parse.GetValue(Principal) ?? "",
            [SshProvider.HostParameter] = parse.GetValue(Host) ?? "",
        };
        if (parse.GetValue(SourceAddress) is { Length: > 0 } source)
        {
            parameters[SshProvider.SourceAddressParameter] = source;
        }

        // Decide where the files go before anything is issued, so a conflict leaves no lease behind.
        var publicKeyPath = parse.GetValue(PublicKey);
        string? certificatePath = null;
        if (publicKeyPath is not null)
        {
            var read = ReadPublicKey(publicKeyPath);
            if (!read.IsSuccess)
            {
                return ctx.Output.Fail(read.Error);
            }

            parameters[SshProvider.PublicKeyParameter] = read.Value;
            var full = Path.GetFullPath(publicKeyPath);
            certificatePath = (full.EndsWith(".pub", StringComparison.Ordinal) ? full[..^4] : full) + "-cert.pub";
        }

        var outDirectory = parse.GetValue(Out) is { Length: > 0 } o ? Path.GetFullPath(o) : null;
        if (publicKeyPath is null && outDirectory is not null && File.Exists(Path.Combine(outDirectory, GeneratedKeyName)))
        {
            return ctx.Output.Fail(new MandateError(
                ErrorCodes.SshKeyFileInvalid,
                $"{Path.Combine(outDirectory, GeneratedKeyName)} already exists; Mandate does not overwrite a key.",
                "Pass an empty or new --out directory, or --public-key <your .pub file>."));
        }

        var prepared = LeaseCli.Prepare(ctx, parse.GetValue(MandateToken), parse.GetValue(Presenter));
        if (!prepared.IsSuccess)
        {
            return ctx.Output.Fail(prepared.Error);
        }

        var provider = SshCommand.Provider(ctx);
        if (!provider.IsSuccess)
        {
            return ctx.Output.Fail(provider.Error);
        }

        var (service, mandate) = prepared.Value;
        var request = new LeaseRequest { Provider = SshProvider.ProviderName, Parameters = parameters, Ttl = ttl.Value };
        var issued = service.Issue(provider.Value, request, mandate, mandate.Actor, LeaseCli.SessionId);
        if (!issued.IsSuccess)
        {
            return ctx.Output.Fail(issued.Error);
        }

        var lease = issued.Value.Lease;
        string? keyPath = null;
        if (certificatePath is null)
        {
            var directory = outDirectory ?? Path.Combine(SshOptions.DirectoryOf(ctx.Home), "leases", lease.Id);
            Core.Home.KeyFiles.CreatePrivateDirectory(directory);
            keyPath = Path.Combine(directory, GeneratedKeyName);
            Core.Home.KeyFiles.WritePrivate(keyPath, issued.Value.Secrets[SshProvider.PrivateKeySecret]);
            certificatePath = keyPath + "-cert.pub";
        }

        Core.Home.KeyFiles.WritePublic(certificatePath, issued.Value.Secrets[SshProvider.CertificateSecret] + "\n");
        if (ctx.Output.Json)
        {
            var json = new JsonObject
            {
                ["lease_id"] = lease.Id,
                ["certificate_path"] = certificatePath,
                ["serial"] = lease.Details["serial"],
                ["principal"] = lease.Details["principal"],
                ["host"] = lease.Details["host"],
                ["key_id"] = lease.Details["key_id"],
                ["expires_at"] = lease.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            };
            if (keyPath is not null)
            {
                json["key_path"] = keyPath;
            }

            ctx.Output.Out.WriteLine(json.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine(certificatePath);
        }

        return ExitCodes.Success;
    }

    private static Outcome<string> ReadPublicKey(string path)
    {
        try
        {
            if (new FileInfo(path).Length > 64 * 1024)
            {
                return new MandateError(ErrorCodes.SshKeyFileInvalid, $"{path} is larger than 64 KiB.", "Pass a public key file (.pub), one line.");
            }

            var text = File.ReadAllText(path);
            if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                return new MandateError(ErrorCodes.SshKeyFileInvalid, $"{path} is a private key.", "Pass the public key: the .pub file beside it.");
            }

            var parsed = SshPublicKey.Parse(text);
            return parsed.IsSuccess ? text.Trim() : parsed.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MandateError(ErrorCodes.SshKeyFileInvalid, $"Cannot read {path}: {e.GetType().Name}.", "Check the path and its permissions.");
        }
    }
}
