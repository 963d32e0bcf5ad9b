using System.Globalization;
using System.Text.Json.Nodes;

namespace Mandate.Benchmarks;

/// <summary>
/// A realistic agent-authorization workload for the Cedar benchmarks: a policy set of any size (path <c>like</c>
/// patterns, forbidden secret files, allowed programs from <c>context.command.program</c>, team and project
/// hierarchy), an entity store (agents in teams in an organisation, files in projects) and a fixed list of requests.
/// The same data feeds BenchmarkDotNet (CedarBenchmarks) and bench/cedar-side-by-side.sh, which runs
/// it through cedar-wasm too.
/// </summary>
public sealed class CedarWorkload
{
    public const int Agents = 200;
    public const int Teams = 20;
    public const int Projects = 10;
    public const int RequestCount = 64;

    private static readonly string[] CorePolicies =
    [
        """permit(principal in Mandate::Team::"dev", action == Mandate::Action::"fs.read", resource) when { resource.path like "/src/*" };""",
        """forbid(principal, action in [Mandate::Action::"fs.read", Mandate::Action::"fs.write"], resource) when { resource.path like "*.env" || resource.path like "*/secrets/*" || resource.path like "*.pem" };""",
        """permit(principal in Mandate::Team::"dev", action == Mandate::Action::"exec", resource) when { ["git", "dotnet", "npm", "rg"].contains(context.command.program) };""",
        """forbid(principal, action == Mandate::Action::"exec", resource) when { context.command.program == "git" && context.command.args.containsAny(["--force", "-f"]) };""",
        """permit(principal is Mandate::Agent in Mandate::Org::"acme", action == Mandate::Action::"net.connect", resource) when { context.host like "*.nuget.org" && context.port == 443 };""",
        """forbid(principal, action == Mandate::Action::"exec", resource) when { ["rm", "curl", "sudo"].contains(context.command.program) };""",
        """permit(principal in Mandate::Team::"team-3", action == Mandate::Action::"fs.write", resource in Mandate::Project::"p-3") when { resource.path like "/src/*" && !(resource.path like "*.lock") };""",
        """forbid(principal, action, resource) when { context has risk && context.risk > 80 };""",
    ];

    private static readonly string[] Programs = ["git", "dotnet", "npm", "rg", "rm", "curl", "tool-12", "make"];

    private static readonly string[] FileNames = ["Handler.cs", "secrets/key.pem", ".env", "README.md", "package.lock", "generated/Api.g.cs"];

    private readonly List<JsonObject> _entities = [];

    private CedarWorkload(int policyCount)
    {
        Policies = string.Join('\n', Enumerable.Range(0, policyCount).Select(PolicyText));
        BuildEntities();
        BuildRequests();
    }

    /// <summary>The policy set as Cedar text (policy ids policy0 … by position).</summary>
    public string Policies { get; }

    /// <summary>The whole entity store as entities JSON.</summary>
    public string EntitiesJson => new JsonArray([.. _entities.Select(e => e.DeepClone())]).ToJsonString();

    /// <summary>The requests as request JSON: principal, action, resource, context.</summary>
    public IReadOnlyList<string> Requests { get; private set; } = [];

    /// <summary>For each request, the entities it can reach (its principal and resource with their ancestors).</summary>
    public IReadOnlyList<string> RequestEntities { get; private set; } = [];

    public static CedarWorkload Create(int policyCount) => new(policyCount);

    private static string PolicyText(int i)
    {
        if (i < CorePolicies.Length)
        {
            return CorePolicies[i];
        }

        var agent = (i * 7) % Agents;
        var team = i % Teams;
        var project = i % Projects;
        return (i % 4) switch
        {
            0 => Invariant($$"""permit(principal == Mandate::Agent::"agent-{{agent}}", action == Mandate::Action::"fs.write", resource) when { resource.path like "/src/api/{{i % 50}}/*" };"""),
            1 => Invariant($$"""permit(principal in Mandate::Team::"team-{{team}}", action == Mandate::Action::"exec", resource) when { context.command.program == "tool-{{i}}" && context.command.args.contains("--dry-run") };"""),
            2 => Invariant($$"""permit(principal in Mandate::Team::"team-{{team}}", action == Mandate::Action::"fs.read", resource in Mandate::Project::"p-{{project}}") when { resource.path like "/docs/*" || resource.path like "/src/*.md" };"""),
            _ => Invariant($$"""forbid(principal == Mandate::Agent::"agent-{{agent}}", action == Mandate::Action::"fs.write", resource) when { resource.path like "*/generated/*" };"""),
        };
    }

    private void BuildEntities()
    {
        Add(Uid("Org", "acme"), [], null);
        Add(Uid("Team", "dev"), [Uid("Org", "acme")], null);
        for (var t = 0; t < Teams; t++)
        {
            Add(Uid("Team", Invariant($"team-{t}")), [Uid("Org", "acme")], null);
        }

        for (var a = 0; a < Agents; a++)
        {
            var parents = new List<JsonObject> { Uid("Team", Invariant($"team-{a % Teams}")) };
            if (a % 2 == 0)
            {
                parents.Add(Uid("Team", "dev"));
            }

            Add(Uid("Agent", Invariant($"agent-{a}")), parents, new JsonObject { ["model"] = "claude", ["trust"] = a % 5 });
        }

        for (var p = 0; p < Projects; p++)
        {
            Add(Uid("Project", Invariant($"p-{p}")), [Uid("Org", "acme")], null);
            foreach (var name in FileNames)
            {
                var path = Invariant($"/src/api/{p}/{name}");
                Add(Uid("File", path), [Uid("Project", Invariant($"p-{p}"))], new JsonObject { ["path"] = path });
            }

            var doc = Invariant($"/docs/p{p}.md");
            Add(Uid("File", doc), [Uid("Project", Invariant($"p-{p}"))], new JsonObject { ["path"] = doc });
        }

        Add(Uid("Workspace", "ws"), [Uid("Org", "acme")], null);
        Add(Uid("Host", "api.nuget.org"), [], null);
    }

    private void BuildRequests()
    {
        var requests = new List<string>();
        var slices = new List<string>();
        for (var j = 0; j < RequestCount; j++)
        {
            var principal = Uid("Agent", Invariant($"agent-{(j * 37) % Agents}"));
            var (action, resource, context) = (j % 4) switch
            {
                0 => ("fs.read", FileUid(j), new JsonObject()),
                1 => ("fs.write", FileUid(j), new JsonObject { ["risk"] = j % 100 }),
                2 => ("exec", Uid("Workspace", "ws"), new JsonObject
                {
                    ["command"] = new JsonObject { ["program"] = Programs[j % Programs.Length], ["args"] = new JsonArray(j % 3 == 0 ? "--force" : "status", "--dry-run") },
                }),
                _ => ("net.connect", Uid("Host", "api.nuget.org"), new JsonObject { ["host"] = j % 8 == 3 ? "api.nuget.org" : "evil.example", ["port"] = 443 }),
            };
            var request = new JsonObject
            {
                ["principal"] = principal,
                ["action"] = new JsonObject { ["type"] = "Mandate::Action", ["id"] = action },
                ["resource"] = resource,
                ["context"] = context,
            };
            requests.Add(request.ToJsonString());
            slices.Add(Slice(principal, resource));
        }

        Requests = requests;
        RequestEntities = slices;
    }

    private static JsonObject FileUid(int j) =>
        Uid("File", j % 7 == 6 ? Invariant($"/docs/p{j % Projects}.md") : Invariant($"/src/api/{j % Projects}/{FileNames[j % FileNames.Length]}"));

    /// <summary>The entities reachable from the request's principal and resource through their parents.</summary>
    private string Slice(params JsonObject[] roots)
    {
        var byKey = _entities.ToDictionary(e => e["uid"]!.ToJsonString(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots.Select(r => r.ToJsonString()));
        var slice = new JsonArray();
        while (pending.TryPop(out var key))
        {
            if (!seen.Add(key) || !byKey.TryGetValue(key, out var entity))
            {
                continue;
            }

            slice.Add(entity.DeepClone());
            foreach (var parent in entity["parents"]!.AsArray())
            {
                pending.Push(parent!.ToJsonString());
            }
        }

        return slice.ToJsonString();
    }

    private void Add(JsonObject uid, List<JsonObject> parents, JsonObject? attrs) =>
        _entities.Add(new JsonObject { ["uid"] = uid, ["attrs"] = attrs ?? [], ["parents"] = new JsonArray([.. parents]) });

    private static JsonObject Uid(string type, string id) => new() { ["type"] = "Mandate::" + type, ["id"] = id };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the workload for the side-by-side script: policies.cedar, entities.json, requests.jsonl, request-entities.jsonl.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "policies.cedar"), Policies);
        File.WriteAllText(Path.Combine(directory, "entities.json"), EntitiesJson);
        File.WriteAllText(Path.Combine(directory, "requests.jsonl"), string.Join('\n', Requests) + "\n");
        File.WriteAllText(Path.Combine(directory, "request-entities.jsonl"), string.Join('\n', RequestEntities) + "\n");
    }
}
