using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Time;

namespace Mandate.Agents.Runtime;

/// <summary>
/// A project's tasks. The default (<c>.mandate/task.json</c>, committed with the project) is what each
/// agent session is granted on the developer's behalf at SessionStart; the active task
/// (<c>mandate task start</c>) is a mandate token kept in <c>$MANDATE_HOME/tasks/</c>, out of agents' reach.
/// </summary>
public sealed record ProjectTask(string Title, string Purpose, string Scope, TimeSpan Ttl, string? Ask)
{
    public static string DefaultPath(string project) => Path.Combine(project, ".mandate", "task.json");

    public static string ActivePath(MandateHome home, string project) =>
        Path.Combine(home.Root, "tasks", HookSessions.Segment(project.Replace('/', '-')) + ".jwt");

    /// <summary>The project's default task; null when it has none; a failure when the file is broken.</summary>
    public static Outcome<ProjectTask?> LoadDefault(string project)
    {
        var path = DefaultPath(project);
        if (!File.Exists(path))
        {
            return Outcome<ProjectTask?>.Success(null);
        }

        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FormatException("not an object");
            var ttl = DurationText.Parse((string?)json["ttl"] ?? "4h", "ttl");
            if (!ttl.IsSuccess)
            {
                return ttl.Error;
            }

            return new ProjectTask(
                (string?)json["title"] ?? "project default",
                (string?)json["purpose"] ?? throw new FormatException("purpose is missing"),
                (string?)json["scope"] ?? throw new FormatException("scope is missing"),
                ttl.Value,
                (string?)json["ask"]);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or IOException)
        {
            return new MandateError(ErrorCodes.ConfigInvalid, $"{path} is not a valid default task: {e.Message}", "Write it with 'mandate task default --scope \"…\" --ttl 4h --purpose \"…\"'.");
        }
    }

    public void SaveDefault(string project)
    {
        Directory.CreateDirectory(Path.Combine(project, ".mandate"));
        var json = new JsonObject
        {
            ["title"] = Title,
            ["purpose"] = Purpose,
            ["scope"] = Scope,
            ["ttl"] = DurationText.Format(Ttl),
            ["ask"] = Ask,
        };
        File.WriteAllText(DefaultPath(project), json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static string? ActiveToken(MandateHome home, string project)
    {
        var path = ActivePath(home, project);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
