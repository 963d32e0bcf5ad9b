using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// Compares one policy's JSON format (EST) in both engines, both ways: Mandate's export against cedar-wasm's
/// <c>policyToJson</c>, Mandate's import of cedar-wasm's EST against Mandate's parse of the text, and cedar-wasm's
/// reading of Mandate's EST (the text it prints back, parsed by Mandate) against the same.
/// Exactly two representation choices are forgiven (docs/conformance.md): Cedar writes <c>action in [A]</c> with one
/// entity as <c>{"op": "in", "entity": A}</c> where Mandate keeps <c>"entities": [A]</c>, and writes a <c>like</c>
/// pattern's text one character per <c>Literal</c> where Mandate writes one per run of text.
/// </summary>
internal static class EstComparison
{
    /// <summary>JavaScript reads JSON numbers as doubles: integers beyond ±2^53 cannot cross to Node exactly.</summary>
    private const long SafeInteger = 1L << 53;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Mandate's parse of one policy or template text and its EST; null when Mandate refuses the text.</summary>
    public static (Policy? Policy, string? Est, string? Refusal) Export(string text)
    {
        if (!PolicySet.TryParse(text, out var set, out var errors))
        {
            return (null, null, string.Join("; ", errors));
        }

        if (set.Policies.Count != 1)
        {
            return (null, null, $"{set.Policies.Count} policies, not one");
        }

        var root = JsonNode.Parse(set.ToJson())!;
        var section = (JsonObject)root[set.Policies[0].IsTemplate ? "templates" : "staticPolicies"]!;
        return (set.Policies[0], section.Single().Value!.ToJsonString(), null);
    }

    /// <summary>True when the EST holds an integer Node cannot represent exactly (the policy is then not compared).</summary>
    public static bool HasUnsafeInteger(string est) => UnsafeIntegers(JsonNode.Parse(est));

    /// <summary>Why the two engines disagree about the policy, or null when they agree.</summary>
    public static string? Disagreement(Policy? mandate, string? mandateEst, string? mandateRefusal, EstAnswer cedar)
    {
        if (mandate is null || mandateEst is null)
        {
            return cedar.Json is null ? null : "Mandate refuses the text (" + mandateRefusal + "), cedar-wasm writes " + cedar.Json;
        }

        if (cedar.Json is null)
        {
            return "cedar-wasm refuses the text (" + cedar.JsonFailure + "), Mandate writes " + mandateEst;
        }

        var ours = Canonical(mandateEst);
        var theirs = Canonical(cedar.Json);
        if (ours != theirs)
        {
            return "export differs:\n  Mandate:    " + ours + "\n  cedar-wasm: " + theirs;
        }

        // The policies read back are compared as Mandate's EST of them, so that the same two choices are forgiven
        // (and record literals, unordered in Cedar, compare equal whatever order their keys come in).
        PolicySet imported;
        try
        {
            imported = PolicySet.FromJson(cedar.Json);
        }
        catch (CedarJsonException e)
        {
            return "Mandate cannot import cedar-wasm's EST: " + e.Message;
        }

        if (CanonicalOf(imported) is var back && back != ours)
        {
            return "Mandate imports cedar-wasm's EST as another policy:\n  " + back + "\n  expected " + ours;
        }

        if (cedar.Text is null)
        {
            return "cedar-wasm cannot read Mandate's EST (" + cedar.TextFailure + "): " + mandateEst;
        }

        var readBack = PolicySet.TryParse(cedar.Text, out var set, out _) ? CanonicalOf(set) : "(does not parse: " + cedar.Text + ")";
        return readBack == ours ? null : "cedar-wasm reads Mandate's EST as another policy:\n  " + readBack + "\n  expected " + ours;
    }

    /// <summary>The canonical EST of a set's one policy (or a description of what is wrong with the set).</summary>
    private static string CanonicalOf(PolicySet set)
    {
        if (set.Policies.Count != 1)
        {
            return $"({set.Policies.Count} policies, not one)";
        }

        var root = JsonNode.Parse(set.ToJson())!;
        var section = (JsonObject)root[set.Policies[0].IsTemplate ? "templates" : "staticPolicies"]!;
        return Canonical(section.Single().Value!.ToJsonString());
    }

    /// <summary>The EST with the two forgiven representation choices made one way and object members sorted.</summary>
    public static string Canonical(string est)
    {
        var root = JsonNode.Parse(est)!;
        if (root["action"] is JsonObject { Count: 2 } action && (string?)action["op"] == "in" && action["entity"] is { } entity)
        {
            root["action"] = new JsonObject { ["op"] = "in", ["entities"] = new JsonArray(entity.DeepClone()) };
        }

        return Sorted(root)!.ToJsonString(Compact);
    }

    private static JsonNode? Sorted(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    sorted[key] = key == "pattern" && obj.ContainsKey("left") && value is JsonArray pattern ? MergedLiterals(pattern) : Sorted(value);
                }

                return sorted;
            case JsonArray array:
                return new JsonArray([.. array.Select(Sorted)]);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>A <c>like</c> pattern with each run of consecutive <c>Literal</c> elements joined into one.</summary>
    private static JsonArray MergedLiterals(JsonArray pattern)
    {
        var merged = new JsonArray();
        string? run = null;
        foreach (var element in pattern)
        {
            if (element is JsonObject { Count: 1 } literal && literal["Literal"] is JsonValue text)
            {
                run = (run ?? string.Empty) + text.GetValue<string>();
                continue;
            }

            if (run is not null)
            {
                merged.Add(new JsonObject { ["Literal"] = run });
                run = null;
            }

            merged.Add(element?.DeepClone());
        }

        if (run is not null)
        {
            merged.Add(new JsonObject { ["Literal"] = run });
        }

        return merged;
    }

    private static bool UnsafeIntegers(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(m => UnsafeIntegers(m.Value)),
        JsonArray array => array.Any(UnsafeIntegers),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => !value.TryGetValue<long>(out var n) || n > SafeInteger || n < -SafeInteger,
        _ => false,
    };
}
