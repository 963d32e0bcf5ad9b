using System.Buffers.Text;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Core.Mandates;

namespace Mandate.Cli.Commands;

/// <summary><c>mandate verify</c> and <c>mandate inspect</c>.</summary>
internal static class MandateVerifyCommand
{
    private static readonly Argument<string?> Token = new("token") { Description = "The mandate: the token or a file holding it [env: MANDATE_TOKEN, MANDATE_TOKEN_FILE].", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Presenter = new("--presenter") { Description = "The presenter's X.509-SVID (svid.pem): a bound mandate must match it." };
    private static readonly Option<string?> Audience = new("--audience") { Description = "Require this audience." };

    public static Command CreateVerify()
    {
        var command = new Command("verify", "Verify a mandate: signature, header, times, the whole delegation chain, revocation and binding.") { Token, Presenter, Audience };
        command.SetHandler(Verify);
        return command;
    }

    public static Command CreateInspect()
    {
        var command = new Command("inspect", "Show a mandate's delegation chain as a tree: who delegated what to whom, for what, until when.") { Token };
        command.SetHandler(Inspect);
        return command;
    }

    private static int Verify(ParseResult parse, CliContext ctx)
    {
        var service = MandateCli.Service(ctx);
        var token = service.IsSuccess ? MandateCli.ReadToken(parse.GetValue(Token)) : service.Error;
        var presenter = token.IsSuccess ? MandateCli.ReadCertificate(parse.GetValue(Presenter)) : token.Error;
        if (!presenter.IsSuccess)
        {
            return ctx.Output.Fail(presenter.Error);
        }

        var options = new MandateVerificationOptions
        {
            Audience = parse.GetValue(Audience),
            PresenterCertificate = presenter.Value,
        };
        var result = service.Value.Verify(token.Value, options, ctx.Actor);
        if (!result.IsValid)
        {
            return ctx.Output.Fail(result.Error);
        }

        var c = result.Claims;
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["valid"] = true,
                ["jti"] = c.Jti,
                ["human"] = c.HumanEmail,
                ["actor"] = c.Actor,
                ["task_id"] = c.Task.Id,
                ["scope"] = c.Scope.ToString(),
                ["depth"] = c.Depth,
                ["expires_at"] = c.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                ["bound"] = c.Thumbprint is not null,
            }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine($"valid mandate {c.Jti}: {c.Actor} acts for {c.HumanEmail} on task {c.Task.Id} until {c.ExpiresAt:u}");
            ctx.Output.Out.WriteLine($"  scope: {c.Scope}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Decodes without trusting, prints the chain, then says whether it verifies.</summary>
    private static int Inspect(ParseResult parse, CliContext ctx)
    {
        var token = MandateCli.ReadToken(parse.GetValue(Token));
        if (!token.IsSuccess)
        {
            return ctx.Output.Fail(token.Error);
        }

        var payload = Decode(token.Value);
        if (payload is null)
        {
            return ctx.Output.Fail(new Core.Errors.MandateError(Core.Errors.ErrorCodes.MandateMalformed, "This is not a mandate token (a JWS whose payload is a JSON object).", "Pass the token printed by 'mandate grant' or 'mandate delegate'."));
        }

        var service = MandateCli.Service(ctx);
        var verdict = service.IsSuccess
            ? service.Value.Verify(token.Value, new MandateVerificationOptions { RequirePresenterForBoundMandate = false }, ctx.Actor) is { IsValid: false } bad
                ? $"NOT VALID: {bad.Error!.Code} {bad.FailedCheck}: {bad.Error.Message}"
                : "valid (signature, chain, times, revocation checked)"
            : $"not verified: {service.Error.Message}";
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject { ["verdict"] = verdict, ["claims"] = payload }.ToJsonString());
            return ExitCodes.Success;
        }

        var w = ctx.Output.Out;
        var task = Member(payload, "task");
        w.WriteLine($"mandate {Text(Member(payload, "jti"))}  ({verdict})");
        w.WriteLine($"  task     {Text(Member(task, "id"))}: {Text(Member(task, "purpose"))}");
        w.WriteLine($"  for      {Text(Member(payload, "sub"))}, issued by {Text(Member(payload, "iss"))}");
        w.WriteLine($"  expires  {Time(Member(payload, "exp"))}{(Member(payload, "cnf") is null ? "" : "   bound to an X.509-SVID")}");
        var chain = Member(payload, "delegation_chain") as JsonArray ?? [];
        for (var i = 0; i < chain.Count; i++)
        {
            var hop = chain[i];
            var indent = new string(' ', 2 + (2 * i));
            w.WriteLine($"{indent}└─ {Text(Member(hop, "delegator"))} → {Text(Member(hop, "delegatee"))}");
            w.WriteLine($"{indent}   scope {Text(Member(hop, "scope"))}");

            // A hop carries no purpose in the token; a mandate issued here has its purpose on record.
            if (service.IsSuccess && Member(hop, "jti") is JsonValue jti && StringOf(jti) is { } id && service.Value.Find(id) is { } record)
            {
                w.WriteLine($"{indent}   for   {record.Purpose}");
            }

            w.WriteLine($"{indent}   from {Time(Member(hop, "iat"))} until {Time(Member(hop, "exp"))}  (jti {Text(Member(hop, "jti"))})");
        }

        if (Member(payload, "constraints") is JsonObject constraints)
        {
            w.WriteLine($"  constraints {Text(constraints)}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The payload as JSON, untrusted: strict enough (UTF-8, no repeated member) that reading it later cannot throw.</summary>
    private static JsonObject? Decode(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length > 64 * 1024 || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(parts[1]);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        try
        {
            var payload = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 }) as JsonObject;

            // Writing it once finds an escaped lone surrogate ("\ud800"), a string no reader can return.
            _ = payload?.ToJsonString();
            return payload;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A member of an object; null when <paramref name="node"/> is not an object (a hostile token may put anything anywhere).</summary>
    private static JsonNode? Member(JsonNode? node, string name) => node is JsonObject o && o.TryGetPropertyValue(name, out var value) ? value : null;

    private static string Text(JsonNode? node) => node is JsonValue v && StringOf(v) is { } s ? s : node?.ToJsonString() ?? "-";

    private static string? StringOf(JsonValue value) => value.TryGetValue<string>(out var s) ? s : null;

    private static string Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var seconds) && seconds is >= 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("u", CultureInfo.InvariantCulture)
            : "-";
}
