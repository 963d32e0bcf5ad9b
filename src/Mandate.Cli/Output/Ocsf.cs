using System.Globalization;
using System.Text.Json.Nodes;
using Mandate.Core.Audit;

namespace Mandate.Cli.Output;

/// <summary>
/// Maps an audit record to an OCSF 1.3 API Activity event (class 6003), keeping the original
/// record whole under <c>unmapped</c> so nothing is lost in translation.
/// </summary>
internal static class Ocsf
{
    public static JsonObject From(StoredRecord record)
    {
        var r = JsonNode.Parse(record.Canonical)!.AsObject();
        var time = DateTimeOffset.Parse(r["time"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var effect = r["decision"]?["effect"]?.GetValue<string>();
        var (statusId, status) = effect switch
        {
            "deny" => (2, "Failure"),
            null or "allow" => (1, "Success"),
            _ => (99, "Other"),
        };
        return new JsonObject
        {
            ["class_uid"] = 6003,
            ["class_name"] = "API Activity",
            ["category_uid"] = 6,
            ["category_name"] = "Application Activity",
            ["activity_id"] = 99,
            ["activity_name"] = r["event"]?.GetValue<string>(),
            ["type_uid"] = 600399,
            ["severity_id"] = effect == "deny" ? 3 : 1,
            ["time"] = time.ToUnixTimeMilliseconds(),
            ["status_id"] = statusId,
            ["status"] = status,
            ["status_detail"] = r["decision"]?["reason"]?.DeepClone(),
            ["actor"] = new JsonObject
            {
                ["user"] = new JsonObject { ["uid"] = r["actor"]?["id"]?.DeepClone(), ["type"] = r["actor"]?["agent_type"] is null ? "User" : "Other" },
                ["session"] = new JsonObject { ["uid"] = r["actor"]?["session"]?.DeepClone() },
                ["invoked_by"] = r["on_behalf_of"]?.DeepClone(),
            },
            ["api"] = new JsonObject { ["operation"] = r["action"]?["operation"]?.DeepClone() ?? r["event"]?.DeepClone() },
            ["resources"] = new JsonArray(new JsonObject { ["uid"] = r["resource"]?.DeepClone() }),
            ["metadata"] = new JsonObject
            {
                ["version"] = "1.3.0",
                ["uid"] = record.Seq.ToString(CultureInfo.InvariantCulture),
                ["product"] = new JsonObject { ["name"] = "Mandate", ["vendor_name"] = "Mandate" },
            },
            ["unmapped"] = r,
        };
    }
}
