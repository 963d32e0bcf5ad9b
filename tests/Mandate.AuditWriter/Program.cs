using System.Globalization;
using Mandate.Core.Audit;
using Mandate.Core.Home;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite;

// The console is this tool's whole interface: one "ack <seq> <n> ok" line per durable append.
#pragma warning disable RS0030

// usage: Mandate.AuditWriter <home> <writer-name> <count>
// Appends <count> records to the home's audit log, one durable append each, and after each commit
// prints "ack <seq> <n> ok" (Console.Out flushes every line): a line printed is a record acknowledged.
if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: Mandate.AuditWriter <home> <writer-name> <count>");
    return 2;
}

var home = new MandateHome(args[0]);
var writer = args[1];
var settings = home.LoadSettings();
if (!settings.IsSuccess)
{
    Console.Error.WriteLine("error: " + settings.Error.Message);
    return 2;
}

using var keys = AuditKeys.LoadOrCreate(home, settings.Value.TrustDomain.Name);
try
{
    using var store = SqliteStore.Open(home.DatabasePath, keys);
    for (var n = 1; n <= count; n++)
    {
        var seq = store.Audit.Append(new AuditRecord
        {
            Time = TimeProvider.System.GetUtcNow(),
            Kind = AuditKinds.Decision,
            Event = "tool.pre",
            Actor = new AuditActor($"spiffe://{settings.Value.TrustDomain.Name}/agent/writer/{writer}"),
            Action = new AuditAction("Bash", "exec", "crash-safety append"),
            Details = new Dictionary<string, string?>
            {
                ["writer"] = writer,
                ["n"] = n.ToString(CultureInfo.InvariantCulture),
            },
        });
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {seq} {n} ok"));
    }
}
catch (StoreException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}

return 0;
