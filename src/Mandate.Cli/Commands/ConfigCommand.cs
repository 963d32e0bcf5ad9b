using System.CommandLine;
using System.Text.Json;
using Mandate.Core.Errors;
using Mandate.Core.Home;

namespace Mandate.Cli.Commands;

/// <summary><c>mandate config show|get|set</c>: reads and edits config.json, checking the whole file before it is saved.</summary>
internal static class ConfigCommand
{
    private static readonly Argument<string> Key = new("key") { Description = "A key: user.email, trust_domain, ttl.x509_svid, ttl.x509_svid_max, ttl.jwt_svid, ttl.jwt_svid_max, ttl.mandate, ttl.mandate_max, policy.mode." };
    private static readonly Argument<string> Value = new("value") { Description = "The new value." };

    public static Command Create()
    {
        var show = new Command("show", "Print config.json.");
        show.SetHandler(Show);
        var get = new Command("get", "Print one setting.") { Key };
        get.SetHandler(Get);
        var set = new Command("set", "Change one setting (the file is checked before it is saved).") { Key, Value };
        set.SetHandler(Set);
        return new Command("config", "Show and change the settings in $MANDATE_HOME/config.json.") { show, get, set };
    }

    private static int Show(ParseResult parse, CliContext ctx)
    {
        if (ctx.Settings.Error is { } error)
        {
            return ctx.Output.Fail(error);
        }

        ctx.Output.Out.Write(File.ReadAllText(ctx.Home.ConfigPath));
        return ExitCodes.Success;
    }

    private static int Get(ParseResult parse, CliContext ctx)
    {
        var config = Load(ctx);
        if (!config.IsSuccess)
        {
            return ctx.Output.Fail(config.Error);
        }

        var key = parse.GetValue(Key)!;
        var value = Accessor(config.Value, key);
        if (value is null)
        {
            return ctx.Output.Fail(UnknownKey(key));
        }

        ctx.Output.Out.WriteLine(ctx.Output.Json ? JsonSerializer.Serialize(value.Value.Get(), Output.CliJsonContext.Output.String) : value.Value.Get() ?? "");
        return ExitCodes.Success;
    }

    private static int Set(ParseResult parse, CliContext ctx)
    {
        var config = Load(ctx);
        if (!config.IsSuccess)
        {
            return ctx.Output.Fail(config.Error);
        }

        var key = parse.GetValue(Key)!;
        var accessor = Accessor(config.Value, key);
        if (accessor is null)
        {
            return ctx.Output.Fail(UnknownKey(key));
        }

        if (key == "trust_domain")
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.ConfigInvalid, "trust_domain cannot be changed: every issued SVID, mandate and audit record names it.", "Create a new trust domain with 'mandate init --trust-domain <name> --force'."));
        }

        var value = parse.GetValue(Value)!;
        accessor.Value.Set(key == "user.email" ? value.Trim().ToLowerInvariant() : value);
        var checkedSettings = Settings.From(config.Value, ctx.Home.ConfigPath);
        if (!checkedSettings.IsSuccess)
        {
            return ctx.Output.Fail(checkedSettings.Error);
        }

        if (key == "user.email" && !value.Contains('@', StringComparison.Ordinal))
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.ConfigInvalid, $"user.email '{value}' is not an email address.", "Give your work email, e.g. jane@acme.dev: mandates name you as the accountable human."));
        }

        ctx.Home.SaveConfig(config.Value);
        ctx.Output.Out.WriteLine($"{key} = {accessor.Value.Get()}");
        return ExitCodes.Success;
    }

    private static Outcome<MandateConfig> Load(CliContext ctx)
    {
        var settings = ctx.Settings;
        return settings.IsSuccess ? ctx.Home.LoadConfig() : settings.Error;
    }

    private static (Func<string?> Get, Action<string> Set)? Accessor(MandateConfig c, string key) => key switch
    {
        "trust_domain" => (() => c.TrustDomain, v => c.TrustDomain = v),
        "user.email" => (() => c.User?.Email, v => (c.User ??= new()).Email = v),
        "policy.mode" => (() => c.Policy?.Mode, v => (c.Policy ??= new()).Mode = v),
        "ttl.x509_svid" => (() => c.Ttl?.X509Svid, v => (c.Ttl ??= new()).X509Svid = v),
        "ttl.x509_svid_max" => (() => c.Ttl?.X509SvidMax, v => (c.Ttl ??= new()).X509SvidMax = v),
        "ttl.jwt_svid" => (() => c.Ttl?.JwtSvid, v => (c.Ttl ??= new()).JwtSvid = v),
        "ttl.jwt_svid_max" => (() => c.Ttl?.JwtSvidMax, v => (c.Ttl ??= new()).JwtSvidMax = v),
        "ttl.mandate" => (() => c.Ttl?.Mandate, v => (c.Ttl ??= new()).Mandate = v),
        "ttl.mandate_max" => (() => c.Ttl?.MandateMax, v => (c.Ttl ??= new()).MandateMax = v),
        _ => null,
    };

    private static MandateError UnknownKey(string key) => new(
        ErrorCodes.ConfigInvalid,
        $"There is no setting '{key}'.",
        "Use one of: user.email, trust_domain, ttl.x509_svid, ttl.x509_svid_max, ttl.jwt_svid, ttl.jwt_svid_max, ttl.mandate, ttl.mandate_max, policy.mode.");
}
