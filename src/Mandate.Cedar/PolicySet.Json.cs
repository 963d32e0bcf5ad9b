using System.Text;
using System.Text.Json;
using Mandate.Cedar.Json;

namespace Mandate.Cedar;

public sealed partial class PolicySet
{
    /// <summary>
    /// The policy set in Cedar's JSON policy format:
    /// <c>{"staticPolicies": {id: policy}, "templates": {id: policy}, "templateLinks": [...]}</c>.
    /// </summary>
    public string ToJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? CedarJson.IndentedWriter : CedarJson.CompactWriter))
        {
            var est = new EstWriter(writer);
            writer.WriteStartObject();
            writer.WritePropertyName("staticPolicies");
            writer.WriteStartObject();
            foreach (var policy in _policies.Where(p => !p.IsTemplate && p.TemplateId is null))
            {
                writer.WritePropertyName(policy.Id);
                est.WritePolicy(policy);
            }

            writer.WriteEndObject();
            writer.WritePropertyName("templates");
            writer.WriteStartObject();
            foreach (var policy in _policies.Where(p => p.IsTemplate))
            {
                writer.WritePropertyName(policy.Id);
                est.WritePolicy(policy);
            }

            writer.WriteEndObject();
            writer.WritePropertyName("templateLinks");
            writer.WriteStartArray();
            foreach (var link in _policies.Where(p => p.TemplateId is not null))
            {
                writer.WriteStartObject();
                writer.WriteString("templateId", link.TemplateId);
                writer.WriteString("newId", link.Id);
                writer.WritePropertyName("values");
                writer.WriteStartObject();
                if (link.LinkedPrincipal is not null)
                {
                    writer.WritePropertyName("?principal");
                    CedarJsonWriter.WriteUid(writer, link.LinkedPrincipal);
                }

                if (link.LinkedResource is not null)
                {
                    writer.WritePropertyName("?resource");
                    CedarJsonWriter.WriteUid(writer, link.LinkedResource);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads Cedar's JSON policy format: a policy set object (<c>staticPolicies</c>, <c>templates</c>,
    /// <c>templateLinks</c>) or a single policy object (given the id <c>policy0</c>).
    /// Throws <see cref="CedarJsonException"/> on invalid input.
    /// </summary>
    public static PolicySet FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, CedarJson.PolicyDocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("effect", out _))
            {
                return new PolicySet([EstReader.ReadPolicy(root, "policy0")]);
            }

            var policies = new List<Policy>();
            foreach (var section in (string[])["staticPolicies", "templates"])
            {
                if (root.TryGetProperty(section, out var map) && map.ValueKind == JsonValueKind.Object)
                {
                    foreach (var entry in map.EnumerateObject())
                    {
                        var policy = EstReader.ReadPolicy(entry.Value, entry.Name);
                        if ((section == "templates") != policy.IsTemplate)
                        {
                            throw new CedarJsonException(entry.Name + (policy.IsTemplate ? ": a static policy cannot have slots" : ": a template needs a slot"));
                        }

                        policies.Add(policy);
                    }
                }
            }

            var set = FromPolicies(policies);
            if (root.TryGetProperty("templateLinks", out var links) && links.ValueKind == JsonValueKind.Array)
            {
                foreach (var link in links.EnumerateArray())
                {
                    var values = link.TryGetProperty("values", out var v) ? v : default;
                    EntityUid? principal = values.ValueKind == JsonValueKind.Object && values.TryGetProperty("?principal", out var p) ? CedarJson.ReadUid(p, "?principal") : null;
                    EntityUid? resource = values.ValueKind == JsonValueKind.Object && values.TryGetProperty("?resource", out var r) ? CedarJson.ReadUid(r, "?resource") : null;
                    set = set.Link(
                        link.GetProperty("templateId").GetString() ?? string.Empty,
                        link.GetProperty("newId").GetString() ?? string.Empty,
                        principal,
                        resource);
                }
            }

            return set;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException or InsufficientExecutionStackException)
        {
            throw new CedarJsonException("invalid policy JSON: " + e.Message, e);
        }
    }
}
