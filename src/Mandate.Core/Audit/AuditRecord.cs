using System.Globalization;
using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

/// <summary>
/// One audit event (issue 3): who acted, on whose behalf, under which mandate and task, what they
/// did to what, what was decided and with which credential. The log assigns <c>seq</c>; values are
/// redacted before they are hashed and stored.
/// </summary>
public sealed record AuditRecord
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>One of <see cref="AuditKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>What happened, e.g. <c>agent.register</c>, <c>svid.x509.issue</c>, <c>tool.pre</c>.</summary>
    public required string Event { get; init; }

    public required AuditActor Actor { get; init; }

    /// <summary>The accountable human, <c>user:&lt;email&gt;</c>.</summary>
    public string? OnBehalfOf { get; init; }

    public AuditTask? Task { get; init; }

    /// <summary>The mandate's token id (jti).</summary>
    public string? Mandate { get; init; }

    public AuditAction? Action { get; init; }

    public string? Resource { get; init; }

    public AuditDecision? Decision { get; init; }

    public AuditCredential? Credential { get; init; }

    public string? Outcome { get; init; }

    /// <summary>Anything else worth keeping, as strings; never key material (secrets are redacted anyway).</summary>
    public IReadOnlyDictionary<string, string?>? Details { get; init; }

    /// <summary>The record as the JSON object that is redacted, canonicalized (JCS) and hashed.</summary>
    public JsonObject ToJson(long seq)
    {
        var o = new JsonObject
        {
            ["seq"] = seq,
            ["time"] = Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["kind"] = Kind,
            ["event"] = Event,
            ["actor"] = Actor.ToJson(),
        };
        Add(o, "on_behalf_of", OnBehalfOf);
        if (Task is not null)
        {
            o["task"] = Task.ToJson();
        }

        Add(o, "mandate", Mandate);
        if (Action is not null)
        {
            o["action"] = Action.ToJson();
        }

        Add(o, "resource", Resource);
        if (Decision is not null)
        {
            o["decision"] = Decision.ToJson();
        }

        if (Credential is not null)
        {
            o["credential"] = Credential.ToJson();
        }

        Add(o, "outcome", Outcome);
        if (Details is { Count: > 0 })
        {
            var details = new JsonObject();
            foreach (var (key, value) in Details)
            {
                Add(details, key, value);
            }

            o["details"] = details;
        }

        return o;
    }

    internal static void Add(JsonObject o, string name, string? value)
    {
        if (value is not null)
        {
            o[name] = value;
        }
    }
}
