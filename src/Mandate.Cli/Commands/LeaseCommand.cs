using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mandate.Core.Leases;

namespace Mandate.Cli.Commands;

/// <summary><c>mandate lease …</c>: list, renew, revoke and sweep brokered credentials, and lease static secrets.</summary>
internal static partial class LeaseCommand
{
    private static readonly Option<bool> Active = new("--active") { Description = "Only leases that are neither revoked nor expired." };
    private static readonly Option<string?> ListTask = new("--task") { Description = "Only the leases of this task id." };

    public static Command Create()
    {
        var list = new Command("list", "List leases: what was issued, to whom, for which task, until when (never a secret).") { Active, ListTask };
        list.SetHandler(List);
        return new Command("lease", "Short-lived, task-scoped credentials issued under a mandate, and their renewal and revocation.")
        {
            list,
            CreateRenew(),
            CreateRevoke(),
            CreateSweep(),
            CreateSecret(),

            // lease kinds: one line per provider helper, e.g. LeaseSshCommand.Create(),
            LeaseSshCommand.Create(),
            LeasePostgresCommand.Create(),
        };
    }

    private static int List(ParseResult parse, CliContext ctx)
    {
        if (!ctx.Settings.IsSuccess)
        {
            return ctx.Output.Fail(ctx.Settings.Error);
        }

        var now = ctx.Time.GetUtcNow();
        var leases = ctx.Store.Leases.List(new LeaseFilter { TaskId = parse.GetValue(ListTask), ActiveAt = parse.GetValue(Active) ? now : null });
        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonArray([.. leases.Select(l => (JsonNode)ToJson(l, now))]).ToJsonString());
            return ExitCodes.Success;
        }

        if (leases.Count == 0)
        {
            ctx.Output.Out.WriteLine("No leases.");
            return ExitCodes.Success;
        }

        foreach (var l in leases)
        {
            WriteLine(ctx, l, now);
        }

        return ExitCodes.Success;
    }

    internal static string Status(Lease lease, DateTimeOffset now) =>
        lease.RevokedAt is not null ? "revoked" : lease.ExpiresAt <= now ? "expired" : "active";

    internal static void WriteLine(CliContext ctx, Lease l, DateTimeOffset now)
    {
        var until = l.RevokedAt is { } at ? $"revoked {at:u} ({l.RevocationReason})" : $"{Status(l, now)} until {l.ExpiresAt:u}";
        ctx.Output.Out.WriteLine($"{l.Id}  {l.Kind,-8} {l.Capability}  {until}");
        ctx.Output.Out.WriteLine($"    {l.Actor} for {l.HumanEmail}, task {l.TaskId}, mandate {l.MandateJti}, provider {l.Provider}{(l.Renewals > 0 ? $", renewed {l.Renewals}x" : "")}");
    }

    internal static JsonObject ToJson(Lease l, DateTimeOffset now)
    {
        var details = new JsonObject();
        foreach (var (key, value) in l.Details)
        {
            details[key] = value;
        }

        return new JsonObject
        {
            ["id"] = l.Id,
            ["kind"] = l.Kind,
            ["provider"] = l.Provider,
            ["capability"] = l.Capability,
            ["status"] = Status(l, now),
            ["actor"] = l.Actor,
            ["session_id"] = l.SessionId,
            ["mandate"] = l.MandateJti,
            ["human"] = l.HumanEmail,
            ["task_id"] = l.TaskId,
            ["issued_at"] = Time(l.IssuedAt),
            ["expires_at"] = Time(l.ExpiresAt),
            ["ttl_seconds"] = (long)l.Ttl.TotalSeconds,
            ["max_ttl_seconds"] = (long)l.MaxTtl.TotalSeconds,
            ["renewals"] = l.Renewals,
            ["revoked_at"] = l.RevokedAt is { } r ? Time(r) : null,
            ["revocation_reason"] = l.RevocationReason,
            ["details"] = details,
        };
    }

    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
