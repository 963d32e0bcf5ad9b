using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Credentials.Secrets;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate secret put &lt;name&gt;</c> (the value on stdin, never on the command line, where ps and shell history
/// would see it) and <c>mandate secret list</c> (names and dates only). Values are released only as leases
/// (<c>mandate lease secret</c>) under a mandate covering <c>secret:read:&lt;name&gt;</c>.
/// </summary>
internal static class SecretCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The secret's name: segments separated by '/', e.g. prod/stripe/key." };

    public static Command Create()
    {
        var put = new Command("put", "Store a static secret, read from stdin (one trailing newline is dropped), encrypted at rest.") { Name };
        put.SetHandler(Put);
        var list = new Command("list", "List stored secrets: names and dates, never values.");
        list.SetHandler(List);
        return new Command("secret", "Static secrets the organisation cannot yet replace, released only as audited leases.") { put, list };
    }

    private static int Put(ParseResult parse, CliContext ctx)
    {
        var name = parse.GetValue(Name)!;
        var invalid = ctx.Settings.IsSuccess ? SecretVault.ValidateName(name) : ctx.Settings.Error;
        if (invalid is not null)
        {
            return ctx.Output.Fail(invalid);
        }

        var value = ReadValue(Console.In);
        if (!value.IsSuccess)
        {
            return ctx.Output.Fail(value.Error);
        }

        var box = LeaseCli.Box(ctx);
        if (!box.IsSuccess)
        {
            return ctx.Output.Fail(box.Error);
        }

        using var opened = box.Value;
        var stored = new SecretVault(ctx.Store, opened, ctx.Time).Put(name, value.Value, ctx.Actor);
        if (!stored.IsSuccess)
        {
            return ctx.Output.Fail(stored.Error);
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(ToJson(stored.Value).ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine($"Stored secret {name} (encrypted). Release it with 'mandate lease secret {name}' under a mandate covering {SecretVault.Capability(name)}.");
        }

        return ExitCodes.Success;
    }

    private static int List(ParseResult parse, CliContext ctx)
    {
        if (!ctx.Settings.IsSuccess)
        {
            return ctx.Output.Fail(ctx.Settings.Error);
        }

        var secrets = ctx.Store.Secrets.List();
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonArray([.. secrets.Select(s => (JsonNode)ToJson(s))]).ToJsonString());
            return ExitCodes.Success;
        }

        ctx.Output.Out.WriteLine(secrets.Count == 0 ? "No secrets. Store one with: mandate secret put <name> < file" : $"{secrets.Count} secret(s):");
        foreach (var s in secrets)
        {
            ctx.Output.Out.WriteLine($"  {s.Name}  created {s.CreatedAt:u}  updated {s.UpdatedAt:u}");
        }

        return ExitCodes.Success;
    }

    private static JsonObject ToJson(Core.Storage.StoredSecret s) => new()
    {
        ["name"] = s.Name,
        ["created_at"] = LeaseCommand.Time(s.CreatedAt),
        ["updated_at"] = LeaseCommand.Time(s.UpdatedAt),
    };

    /// <summary>Everything on stdin up to the size limit, without one trailing newline (what echo and most editors add).</summary>
    private static Outcome<string> ReadValue(TextReader stdin)
    {
        var buffer = new char[SecretVault.MaxValueLength + 3];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stdin.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        var value = new string(buffer, 0, total);
        Array.Clear(buffer);
        value = value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2] : value.EndsWith('\n') ? value[..^1] : value;
        return value.Length == 0
            ? new MandateError(ErrorCodes.SecretInvalid, "No value was given on stdin.", "Pipe the value in, e.g. 'mandate secret put <name> < file' or 'printf %s \"$VALUE\" | mandate secret put <name>'.")
            : value;
    }
}
