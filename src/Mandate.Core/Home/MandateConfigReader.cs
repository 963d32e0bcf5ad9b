using System.Text.Json;

namespace Mandate.Core.Home;

/// <summary>
/// Reads config.json by hand rather than through the serializer: the hook reads it on every tool call, and
/// building the serializer's metadata cost a millisecond of the hook's budget. The rules are the serializer's:
/// snake_case keys, comments and trailing commas allowed, an unknown key refused.
/// </summary>
internal static class MandateConfigReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The config, or throws <see cref="JsonException"/> naming the key that is wrong.</summary>
    public static MandateConfig Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json, Options);
        var config = new MandateConfig();
        foreach (var member in Object(document.RootElement, "$"))
        {
            switch (member.Name)
            {
                case "trust_domain": config.TrustDomain = Text(member, "$"); break;
                case "ttl": config.Ttl = Ttl(member.Value); break;
                case "user":
                    config.User = new UserConfig();
                    foreach (var m in Object(member.Value, "$.user"))
                    {
                        config.User.Email = m.Name == "email" ? OptionalText(m, "$.user") : throw Unknown(m, "$.user");
                    }

                    break;
                case "policy":
                    config.Policy = new PolicyConfig();
                    foreach (var m in Object(member.Value, "$.policy"))
                    {
                        config.Policy.Mode = m.Name == "mode" ? Text(m, "$.policy") : throw Unknown(m, "$.policy");
                    }

                    break;
                default: throw Unknown(member, "$");
            }
        }

        return config;
    }

    private static TtlConfig Ttl(JsonElement element)
    {
        var ttl = new TtlConfig();
        foreach (var m in Object(element, "$.ttl"))
        {
            var value = Text(m, "$.ttl");
            switch (m.Name)
            {
                case "x509_svid": ttl.X509Svid = value; break;
                case "x509_svid_max": ttl.X509SvidMax = value; break;
                case "jwt_svid": ttl.JwtSvid = value; break;
                case "jwt_svid_max": ttl.JwtSvidMax = value; break;
                case "mandate": ttl.Mandate = value; break;
                case "mandate_max": ttl.MandateMax = value; break;
                default: throw Unknown(m, "$.ttl");
            }
        }

        return ttl;
    }

    private static JsonElement.ObjectEnumerator Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : throw new JsonException($"{path} must be an object.");

    private static string Text(JsonProperty member, string parent) =>
        member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : throw new JsonException($"{parent}.{member.Name} must be a string.");

    private static string? OptionalText(JsonProperty member, string parent) =>
        member.Value.ValueKind == JsonValueKind.Null ? null : Text(member, parent);

    private static JsonException Unknown(JsonProperty member, string parent) => new($"{parent}.{member.Name} is not a known key.");
}
