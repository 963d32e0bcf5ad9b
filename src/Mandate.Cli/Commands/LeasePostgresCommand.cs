using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Core.Time;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Postgres;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate lease postgres --provider &lt;n&gt; --database &lt;db&gt; --access read|write|&lt;template&gt; [--ttl 15m] [--json] [--export]</c>:
/// a login role created for the lease on a registered PostgreSQL server, dropped (its sessions killed) when the lease ends.
/// </summary>
internal static class LeasePostgresCommand
{
    private static readonly Option<string> ProviderName = new("--provider") { Description = "The registered PostgreSQL server (mandate provider list).", Required = true };
    private static readonly Option<string> Database = new("--database") { Description = "The database to grant on.", Required = true };
    private static readonly Option<string> Access = new("--access") { Description = "read, write, or a template registered with the provider; the mandate must cover db:connect:postgres/<database>/<access>.", Required = true };
    private static readonly Option<string?> Ttl = new("--ttl") { Description = "How long the role may log in (default 15m; at most 1h and the mandate's expiry)." };
    private static readonly Option<bool> Export = new("--export") { Description = "Print 'export PGUSER=… PGPASSWORD=… PGHOST=… PGPORT=… PGDATABASE=…' lines for a shell's eval instead of the connection string." };
    private static readonly Option<string?> MandateToken = LeaseCli.MandateOption();
    private static readonly Option<string?> Presenter = LeaseCli.PresenterOption();

    public static Command Create()
    {
        var command = new Command("postgres", "Lease a PostgreSQL login role: a random password, VALID UNTIL the lease's expiry, the access template's grants.")
        {
            ProviderName, Database, Access, Ttl, Export, MandateToken, Presenter,
        };
        command.SetHandler(Run);
        return command;
    }

    /// <summary>The PostgreSQL provider registered as <paramref name="name"/>; the caller disposes it.</summary>
    public static Outcome<ILeaseProvider> Provider(CliContext ctx, string name)
    {
        var created = Create(ctx, name);
        return created.IsSuccess ? created.Value : created.Error;
    }

    private static Outcome<PostgresProvider> Create(CliContext ctx, string name)
    {
        var box = LeaseCli.Box(ctx);
        if (!box.IsSuccess)
        {
            return box.Error;
        }

        using (box.Value)
        {
            var registered = LeaseCli.Registry(ctx, box.Value).Get(name);
            var config = registered.IsSuccess ? PostgresProviderConfig.From(registered.Value) : registered.Error;

            // One command, a handful of statements: nothing to pool, and no idle admin connection left at exit.
            return config.IsSuccess ? PostgresProvider.Create(config.Value with { Pooling = false }) : config.Error;
        }
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var ttl = DurationText.Parse(parse.GetValue(Ttl) ?? DurationText.Format(LeaseService.DefaultTtl), "--ttl");
        if (!ttl.IsSuccess)
        {
            return ctx.Output.Fail(ttl.Error);
        }

        var prepared = LeaseCli.Prepare(ctx, parse.GetValue(MandateToken), parse.GetValue(Presenter));
        if (!prepared.IsSuccess)
        {
            return ctx.Output.Fail(prepared.Error);
        }

        var name = parse.GetValue(ProviderName) ?? "";
        var provider = Create(ctx, name);
        if (!provider.IsSuccess)
        {
            return ctx.Output.Fail(provider.Error);
        }

        using var postgres = provider.Value;
        var (service, mandate) = prepared.Value;
        var request = new LeaseRequest
        {
            Provider = name,
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [PostgresProvider.DatabaseParameter] = parse.GetValue(Database) ?? "",
                [PostgresProvider.AccessParameter] = parse.GetValue(Access) ?? "",
            },
            Ttl = ttl.Value,
        };
        var issued = service.Issue(postgres, request, mandate, mandate.Actor, LeaseCli.SessionId);
        if (!issued.IsSuccess)
        {
            return ctx.Output.Fail(issued.Error);
        }

        var lease = issued.Value.Lease;
        var password = issued.Value.Secrets[PostgresProvider.PasswordSecret];
        var connection = issued.Value.Secrets[PostgresProvider.ConnectionStringSecret];
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["lease_id"] = lease.Id,
                ["username"] = lease.Details[PostgresProvider.UsernameDetail],
                ["password"] = password,
                ["connection_string"] = connection,
                ["host"] = lease.Details[PostgresProvider.HostDetail],
                ["port"] = lease.Details[PostgresProvider.PortDetail],
                ["database"] = lease.Details[PostgresProvider.DatabaseDetail],
                ["capability"] = lease.Capability,
                ["expires_at"] = LeaseCommand.Time(lease.ExpiresAt),
            }.ToJsonString());
        }
        else if (parse.GetValue(Export))
        {
            ctx.Output.Out.WriteLine($"export PGUSER={ShellQuote(lease.Details[PostgresProvider.UsernameDetail])}");
            ctx.Output.Out.WriteLine($"export PGPASSWORD={ShellQuote(password)}");
            ctx.Output.Out.WriteLine($"export PGHOST={ShellQuote(lease.Details[PostgresProvider.HostDetail])}");
            ctx.Output.Out.WriteLine($"export PGPORT={ShellQuote(lease.Details[PostgresProvider.PortDetail])}");
            ctx.Output.Out.WriteLine($"export PGDATABASE={ShellQuote(lease.Details[PostgresProvider.DatabaseDetail])}");
            ctx.Output.Out.WriteLine($"# lease {lease.Id} until {LeaseCommand.Time(lease.ExpiresAt)}");
        }
        else
        {
            ctx.Output.Out.WriteLine(connection);
        }

        return ExitCodes.Success;
    }

    /// <summary>POSIX single quotes: safe for eval whatever the value holds.</summary>
    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
