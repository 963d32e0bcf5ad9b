using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Core.Home;
using Mandate.Core.Identity;

namespace Mandate.Agents.Runtime;

/// <summary>Reads and writes <see cref="HookSession"/> files, and names agents and sessions as SPIFFE IDs.</summary>
public static class HookSessions
{
    public static string Directory(MandateHome home) => Path.Combine(home.Root, "sessions");

    public static string FilePath(MandateHome home, string dialect, string sessionId) =>
        Path.Combine(Directory(home), $"{dialect}-{Segment(sessionId)}.json");

    public static HookSession? Load(MandateHome home, string dialect, string sessionId)
    {
        if (sessionId.Length == 0)
        {
            return null;
        }

        var path = FilePath(home, dialect, sessionId);
        if (!File.Exists(path))
        {
            return null;
        }

        // A session file that cannot be read is broken state: the caller's catch turns it into a deny. Read with
        // JsonDocument, as the hook's payload and config.json are: one JSON reader's code to load per process.
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var json = document.RootElement;
        return new HookSession
        {
            Dialect = Required(json, "dialect"),
            SessionId = Required(json, "session_id"),
            Principal = Required(json, "principal"),
            Project = Required(json, "project"),
            StartedAt = Time(Required(json, "started_at")),
            EndedAt = Optional(json, "ended_at") is { } ended ? Time(ended) : null,
            Token = Optional(json, "token"),
            Jti = Optional(json, "jti"),
            CertificatePem = Optional(json, "certificate_pem"),
            Verified = json.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.Object
                ? new VerifiedMandate(
                    Required(v, "jti"),
                    Required(v, "scope"),
                    Required(v, "ask"),
                    Required(v, "human"),
                    Required(v, "task_id"),
                    Required(v, "purpose"),
                    Time(Required(v, "expires_at")))
                : null,
        };
    }

    private static string Required(JsonElement json, string name) =>
        Optional(json, name) ?? throw new FormatException($"The session file has no {name}.");

    private static string? Optional(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public static void Save(MandateHome home, HookSession session)
    {
        KeyFiles.CreatePrivateDirectory(Directory(home));
        var json = new JsonObject
        {
            ["dialect"] = session.Dialect,
            ["session_id"] = session.SessionId,
            ["principal"] = session.Principal,
            ["project"] = session.Project,
            ["started_at"] = session.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["ended_at"] = session.EndedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["token"] = session.Token,
            ["jti"] = session.Jti,
            ["certificate_pem"] = session.CertificatePem,
            ["verified"] = session.Verified is { } v
                ? new JsonObject
                {
                    ["jti"] = v.Jti,
                    ["scope"] = v.Scope,
                    ["ask"] = v.Ask,
                    ["human"] = v.Human,
                    ["task_id"] = v.TaskId,
                    ["purpose"] = v.Purpose,
                    ["expires_at"] = v.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                }
                : null,
        };
        KeyFiles.WritePrivate(FilePath(home, session.Dialect, session.SessionId), json.ToJsonString());
    }

    /// <summary>The agent's SPIFFE ID for a dialect in a project: <c>spiffe://td/agent/&lt;dialect&gt;/&lt;project&gt;</c>.</summary>
    public static string AgentSpiffeId(TrustDomain trustDomain, string dialect, string project) =>
        $"{SpiffeId.Prefix}{trustDomain.Name}/agent/{dialect}/{ProjectName(project)}";

    public static string ProjectName(string project)
    {
        var name = Path.GetFileName(project.TrimEnd('/'));
        return Segment(name.Length == 0 ? "root" : name);
    }

    /// <summary>Any text as one SPIFFE path segment / file-name part: letters, digits, '.', '-', '_' kept, the rest '_', at most 96 characters.</summary>
    public static string Segment(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 96));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 96)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var segment = builder.ToString().Trim('.');
        return segment.Length == 0 ? "_" : segment;
    }
}
