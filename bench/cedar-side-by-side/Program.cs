using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Mandate.Benchmarks;
using Mandate.Cedar;

// usage: CedarSideBySide <policy-count> <directory> [iterations]
// Writes the workload (policies.cedar, entities.json, requests.jsonl, request-entities.jsonl) to <directory>, then
// times every authorization through Mandate.Cedar (policies and entities parsed once) and prints one JSON line:
// {"engine", "policies", "iterations", "median_us", "p99_us", "decisions"}.
var count = int.Parse(args[0], CultureInfo.InvariantCulture);
var directory = args[1];
var iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;

var workload = CedarWorkload.Create(count);
workload.WriteTo(directory);
var policies = PolicySet.Parse(workload.Policies);
var entities = Entities.FromJson(workload.EntitiesJson);
var requests = workload.Requests.Select(r => Request.FromJson(r)).ToArray();

// Warm up for at least 50,000 calls and 2 s: the JIT promotes hot methods to optimised code only after a
// delay (tiered compilation, then dynamic PGO), and 50,000 calls at 10 policies take well under that, which left
// the small policy sets timing partly unoptimised code.
var warmUp = Stopwatch.StartNew();
for (var i = 0; i < 50_000 || warmUp.ElapsedMilliseconds < 2_000; i++)
{
    Authorizer.IsAuthorized(requests[i % requests.Length], policies, entities);
}

var ticks = new long[iterations];
for (var i = 0; i < iterations; i++)
{
    var request = requests[i % requests.Length];
    var start = Stopwatch.GetTimestamp();
    Authorizer.IsAuthorized(request, policies, entities);
    ticks[i] = Stopwatch.GetTimestamp() - start;
}

Array.Sort(ticks);
double Micros(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
var decisions = new JsonArray([.. requests.Select(r => (JsonNode)(Authorizer.IsAuthorized(r, policies, entities).IsAllowed ? "allow" : "deny"))]);
Console.WriteLine(new JsonObject
{
    ["engine"] = "Mandate.Cedar",
    ["policies"] = count,
    ["iterations"] = iterations,
    ["median_us"] = Math.Round(Micros(ticks[iterations / 2]), 3),
    ["p99_us"] = Math.Round(Micros(ticks[(int)(iterations * 0.99)]), 3),
    ["decisions"] = decisions,
}.ToJsonString());
