using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Credentials.Providers;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate provider add &lt;kind&gt; --name &lt;n&gt; …</c> and <c>mandate provider list</c>: the credential sources an
/// administrator registers once. Configurations are stored encrypted; the admin connection string is never printed.
/// </summary>
internal static class ProviderCommand
{
    private static readonly Argument<string> Kind = new("kind") { Description = "The provider kind: postgres." };
    private static readonly Option<string> Name = new("--name") { Description = "The provider's name, used by 'mandate lease <kind> --provider <name>'.", Required = true };
    private static readonly Option<string?> Connection = new("--connection") { Description = "postgres: the admin connection string (a role allowed to CREATE ROLE and GRANT); stored encrypted, never printed." };
    private static readonly Option<string[]> Template = new("--template") { Description = "postgres: <access>=<SQL> run to grant a lease's role its access ({{name}}, {{database}}, {{schema}} are replaced by quoted identifiers); repeatable. read and write are built in.", AllowMultipleArgumentsPerToken = false };

    public static Command Create()
    {
        var add = new Command("add", "Register a credential provider (its configuration is stored encrypted).") { Kind, Name, Connection, Template, GitHubCli.AppId, GitHubCli.InstallationId, GitHubCli.PrivateKey, GitHubCli.ApiUrl, AwsCli.Profile, AwsCli.CredentialsFile, AwsCli.Region, AwsCli.EndpointUrl };
        add.SetHandler(Add);
        var list = new Command("list", "List registered providers: name, kind, and host/database (no credentials).");
        list.SetHandler(List);
        return new Command("provider", "Credential providers the broker issues leases from.") { add, list };
    }

    private static int Add(ParseResult parse, CliContext ctx)
    {
        var config = Config(parse);
        var box = config.IsSuccess ? LeaseCli.Box(ctx) : config.Error;
        if (!box.IsSuccess)
        {
            return ctx.Output.Fail(box.Error);
        }

        using var opened = box.Value;
        var added = LeaseCli.Registry(ctx, opened).Add(parse.GetValue(Name)!, parse.GetValue(Kind)!, config.Value);
        if (!added.IsSuccess)
        {
            return ctx.Output.Fail(added.Error);
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(ToJson(added.Value).ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine($"Registered {added.Value.Kind} provider {added.Value.Name} ({Describe(added.Value)}).");
        }

        return ExitCodes.Success;
    }

    private static int List(ParseResult parse, CliContext ctx)
    {
        var box = LeaseCli.Box(ctx);
        if (!box.IsSuccess)
        {
            return ctx.Output.Fail(box.Error);
        }

        using var opened = box.Value;
        var listed = LeaseCli.Registry(ctx, opened).List();
        if (!listed.IsSuccess)
        {
            return ctx.Output.Fail(listed.Error);
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonArray([.. listed.Value.Select(p => (JsonNode)ToJson(p))]).ToJsonString());
            return ExitCodes.Success;
        }

        ctx.Output.Out.WriteLine(listed.Value.Count == 0 ? "No providers. Register one with: mandate provider add postgres --name <n> --connection <admin connection string>" : $"{listed.Value.Count} provider(s):");
        foreach (var p in listed.Value)
        {
            ctx.Output.Out.WriteLine($"  {p.Name}  {p.Kind}  {Describe(p)}  registered {p.CreatedAt:u}");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The configuration of one kind. postgres: <c>{"connection": "…", "templates": {"&lt;access&gt;": "&lt;SQL&gt;"}}</c>.
    /// </summary>
    private static Outcome<JsonObject> Config(ParseResult parse)
    {
        var kind = parse.GetValue(Kind);
        if (kind == "github")
        {
            return GitHubCli.Config(parse);
        }

        if (kind == "aws")
        {
            return AwsCli.Config(parse);
        }

        if (kind != "postgres")
        {
            return new MandateError(ErrorCodes.ProviderInvalid, $"'{kind}' is not a provider kind 'mandate provider add' knows.", "Use: mandate provider add postgres --name <n> --connection <admin connection string>.");
        }

        var connection = parse.GetValue(Connection);
        if (string.IsNullOrWhiteSpace(connection))
        {
            return new MandateError(ErrorCodes.ProviderInvalid, "A postgres provider needs --connection.", "Pass the admin connection string, e.g. --connection \"Host=db;Database=orders;Username=mandate_admin;Password=…\".");
        }

        var templates = new JsonObject();
        foreach (var template in parse.GetValue(Template) ?? [])
        {
            var eq = template.IndexOf('=', StringComparison.Ordinal);
            var access = eq > 0 ? template[..eq].Trim() : "";
            if (access.Length == 0 || eq == template.Length - 1 || !access.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return new MandateError(ErrorCodes.ProviderInvalid, "A --template is <access>=<SQL>, the access a name of letters, digits, '-' or '_'.", "e.g. --template \"report=GRANT SELECT ON orders, customers TO {{name}}\".");
            }

            templates[access] = template[(eq + 1)..];
        }

        return new JsonObject { ["connection"] = connection, ["templates"] = templates };
    }

    private static string Describe(RegisteredProvider p) => p.Kind == "github" ? GitHubCli.Describe(p) : p.Kind == "aws" ? AwsCli.Describe(p) :
        p.Config["connection"] is JsonValue v && v.TryGetValue<string>(out var connection) ? ConnectionSummary.Describe(connection) : "-";

    private static JsonObject ToJson(RegisteredProvider p) => new()
    {
        ["name"] = p.Name,
        ["kind"] = p.Kind,
        ["target"] = Describe(p),
        ["created_at"] = LeaseCommand.Time(p.CreatedAt),
    };
}
