using System.Text.Json.Nodes;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// Generates random Cedar scenarios from a seed: an entity graph (hierarchy, attributes of every kind, tags, records,
/// sets, extension values), policies over the whole language (every scope form, when/unless, every operator and
/// extension function, type errors and overflow on purpose) and requests against them.
/// </summary>
internal sealed partial class ScenarioGenerator
{
    public const int RequestsPerScenario = 4;

    private readonly DiffRandom _r;
    private readonly List<(string Type, string Id)> _uids = [];

    private ScenarioGenerator(ulong seed) => _r = new DiffRandom(seed);

    public static Scenario Generate(ulong seed) => new ScenarioGenerator(seed).Build(seed);

    private Scenario Build(ulong seed)
    {
        var entities = Entities();
        var policies = new List<string>();
        var count = 1 + _r.Next(8);
        for (var i = 0; i < count; i++)
        {
            policies.Add(Policy());
        }

        if (_r.Chance(0.03))
        {
            // A policy Cedar may refuse to parse: the whole set must then be refused by both engines.
            policies[_r.Next(count)] = _r.Pick(Probes.Policies);
        }

        var templates = new List<string>();
        var links = new List<TemplateLink>();
        if (_r.Chance(0.2))
        {
            var (template, principalSlot, resourceSlot) = Template();
            templates.Add(template);
            var templateId = "policy" + policies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < 1 + _r.Next(3); i++)
            {
                links.Add(new TemplateLink(
                    templateId,
                    "link" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    principalSlot ? PickUid(_r.Chance(0.9) ? Vocabulary.PrincipalTypes : Vocabulary.ResourceTypes) : null,
                    resourceSlot ? PickUid(_r.Chance(0.9) ? Vocabulary.ResourceTypes : Vocabulary.PrincipalTypes) : null));
            }
        }

        var requests = new List<string>();
        for (var i = 0; i < RequestsPerScenario; i++)
        {
            requests.Add(RequestJson());
        }

        return new Scenario(seed, policies, entities, requests, templates, links);
    }

    private string Entities()
    {
        var store = new JsonArray();
        var groups = Instances("Group", 1 + _r.Next(3));
        var folders = Instances("Folder", 1 + _r.Next(3));
        AddLevel(store, groups, groups, dagOnly: true);
        AddLevel(store, Instances("User", 1 + _r.Next(3)), groups, dagOnly: false);
        AddLevel(store, folders, folders, dagOnly: true);
        AddLevel(store, Instances("Doc", 1 + _r.Next(3)), folders, dagOnly: false);
        AddLevel(store, Instances("Ns::Res", 1), folders, dagOnly: false);
        var all = new List<(string, string)> { ("Action", "all") };
        var readOnly = new List<(string, string)> { ("Action", "readOnly") };
        AddLevel(store, all, [], dagOnly: true);
        AddLevel(store, readOnly, all, dagOnly: false);
        foreach (var action in Vocabulary.Actions)
        {
            AddLevel(store, [("Action", action)], action is "read" or "exec" ? readOnly : all, dagOnly: false);
        }

        if (_r.Chance(0.01))
        {
            // Invalid data on purpose: a duplicate entity or a cycle; both engines must refuse it.
            var victim = store[_r.Next(store.Count)]!.AsObject();
            if (_r.Chance(0.5))
            {
                store.Add(victim.DeepClone());
            }
            else
            {
                victim["parents"]!.AsArray().Add(victim["uid"]!.DeepClone());
            }
        }

        return store.ToJsonString();
    }

    private List<(string Type, string Id)> Instances(string type, int count)
    {
        var list = new List<(string, string)>();
        while (list.Count < count)
        {
            var uid = (type, _r.Pick(Vocabulary.Ids));
            if (!list.Contains(uid))
            {
                list.Add(uid);
            }
        }

        _uids.AddRange(list);
        return list;
    }

    /// <summary>
    /// Adds entities whose parents are drawn from <paramref name="parents"/>; within one level only earlier
    /// entities are parents, so the hierarchy stays acyclic (Cedar rejects cycles). Some entities are left out of
    /// the store on purpose (referenced but missing), and some parents do not exist.
    /// </summary>
    private void AddLevel(JsonArray store, List<(string Type, string Id)> level, List<(string Type, string Id)> parents, bool dagOnly)
    {
        for (var i = 0; i < level.Count; i++)
        {
            var parentList = new JsonArray();
            var pool = dagOnly ? parents.Take(i).ToList() : parents;
            foreach (var parent in pool.Where(_ => _r.Chance(0.5)))
            {
                parentList.Add(UidJson(parent));
            }

            if (_r.Chance(0.05))
            {
                var ghostType = level[i].Type switch { "Doc" or "Ns::Res" => "Folder", "Action" => "Action", _ => "Group" };
                parentList.Add(UidJson((ghostType, "ghost")));
            }

            if (_r.Chance(0.08) && level[i].Type != "Action")
            {
                continue;
            }

            var entity = new JsonObject { ["uid"] = UidJson(level[i]), ["attrs"] = Attributes(), ["parents"] = parentList };
            if (_r.Chance(0.4))
            {
                var tags = new JsonObject();
                foreach (var key in Vocabulary.TagKeys.Where(_ => _r.Chance(0.5)))
                {
                    tags[key] = _r.Chance(0.8) ? JsonValue.Create(_r.Pick(Vocabulary.Strings)) : JsonValue.Create(_r.Pick(Vocabulary.SmallLongs));
                }

                entity["tags"] = tags;
            }

            store.Add(entity);
        }
    }

    private JsonObject Attributes()
    {
        var attrs = new JsonObject();
        foreach (var (name, kind) in Vocabulary.Attributes.Where(_ => _r.Chance(0.55)))
        {
            attrs[name] = JsonValueOf(_r.Chance(0.06) ? RandomKind() : kind, 2);
        }

        return attrs;
    }

    private string RequestJson()
    {
        var principal = _r.Chance(0.1) ? ("User", "nobody") : PickUid(Vocabulary.PrincipalTypes);
        var resource = _r.Chance(0.1) ? PickUid(Vocabulary.PrincipalTypes) : PickUid(Vocabulary.ResourceTypes);
        var action = ("Action", _r.Chance(0.1) ? _r.Pick(Vocabulary.ActionGroups) : _r.Pick(Vocabulary.Actions));
        var context = new JsonObject();
        foreach (var (name, kind) in Vocabulary.Attributes.Where(_ => _r.Chance(0.4)))
        {
            context[name] = JsonValueOf(_r.Chance(0.05) ? RandomKind() : kind, 2);
        }

        return new JsonObject
        {
            ["principal"] = UidJson(principal),
            ["action"] = UidJson(action),
            ["resource"] = UidJson(resource),
            ["context"] = context,
        }.ToJsonString();
    }

    private (string Type, string Id) PickUid(string[] types)
    {
        var candidates = _uids.Where(u => types.Contains(u.Type)).ToList();
        return candidates.Count > 0 ? _r.Pick(candidates) : (types[0], "nobody");
    }

    private (string Type, string Id) AnyUid() => _r.Chance(0.9) && _uids.Count > 0
        ? _r.Pick(_uids)
        : _r.Chance(0.5) ? ("Action", _r.Pick(Vocabulary.Actions.Concat(Vocabulary.ActionGroups).ToList())) : (_r.Pick(Vocabulary.AllTypes), "nobody");

    private static JsonObject UidJson((string Type, string Id) uid) => new() { ["type"] = uid.Type, ["id"] = uid.Id };

    private Kind RandomKind() => (Kind)_r.Next(Enum.GetValues<Kind>().Length);
}
