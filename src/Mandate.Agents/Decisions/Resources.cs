using Mandate.Cedar;

namespace Mandate.Agents.Decisions;

/// <summary>The typed Cedar entities of the Mandate schema (Policy/mandate.cedarschema).</summary>
internal static class Resources
{
    public const string Namespace = "Mandate::";

    public static EntityUid Action(string id) => new(Namespace + "Action", id);

    public static Entity Agent(string id, string type, string dialect, bool subagent) =>
        new(new EntityUid(Namespace + "Agent", id), Attrs(
            ("type", Str(type)),
            ("dialect", Str(dialect)),
            ("subagent", BoolValue.Of(subagent))));

    public static Entity File(string path, ToolContext context)
    {
        var name = path.Length > 1 ? path[(path.LastIndexOf('/') + 1)..] : path;
        var projectPath = Under(path, context.Project) is { } p ? p : null;
        var homePath = Under(path, context.Home) is { } h ? "~/" + h : "";
        return new(new EntityUid(Namespace + "File", path), Attrs(
            ("path", Str(path)),
            ("name", Str(name)),
            ("project_path", Str(projectPath ?? "")),
            ("home_path", Str(homePath)),
            ("in_project", BoolValue.Of(projectPath is not null)),
            ("in_home", BoolValue.Of(homePath.Length > 0)),
            ("in_mandate_home", BoolValue.Of(Under(path, context.MandateHome) is not null))));
    }

    public static Entity Command(
        string program,
        IReadOnlyList<string> args,
        bool opaque,
        string? opaqueReason,
        string via,
        bool readsEnvironment,
        IReadOnlyList<string> deletes,
        bool parsed = true)
    {
        var line = args.Count == 0 ? program : program + " " + string.Join(' ', args);
        return new(new EntityUid(Namespace + "Command", line), Attrs(
            ("program", Str(program)),
            ("args", SetValue.Create(args.Select(a => (CedarValue)Str(a)))),
            ("line", Str(line)),
            ("opaque", BoolValue.Of(opaque)),
            ("opaque_reason", Str(opaqueReason ?? "")),
            ("via", Str(via)),
            ("reads_environment", BoolValue.Of(readsEnvironment)),
            ("parsed", BoolValue.Of(parsed)),
            ("deletes", SetValue.Create(deletes.Select(d => (CedarValue)Str(d))))));
    }

    public static Entity Host(string name, long port, bool dynamic, string program) =>
        new(new EntityUid(Namespace + "Host", $"{name}:{port}"), Attrs(
            ("name", Str(name)),
            ("port", LongValue.Of(port)),
            ("dynamic", BoolValue.Of(dynamic)),
            ("program", Str(program))));

    public static Entity McpTool(string server, string tool) =>
        new(new EntityUid(Namespace + "McpTool", $"{server}/{tool}"), Attrs(("server", Str(server)), ("tool", Str(tool))));

    public static Entity Repo(string remote, string url, bool force) =>
        new(new EntityUid(Namespace + "Repo", url.Length > 0 ? url : remote), Attrs(
            ("remote", Str(remote)),
            ("url", Str(url)),
            ("force", BoolValue.Of(force))));

    public static Entity Credential(string kind, string provider, string capability) =>
        new(new EntityUid(Namespace + "Credential", capability), Attrs(
            ("kind", Str(kind)),
            ("provider", Str(provider)),
            ("capability", Str(capability))));

    public static Entity Tool(string name, bool known, bool isInternal) =>
        new(new EntityUid(Namespace + "Tool", name), Attrs(("known", BoolValue.Of(known)), ("internal", BoolValue.Of(isInternal))));

    /// <summary>The path relative to <paramref name="root"/> ("" for the root itself), or null when outside it.</summary>
    public static string? Under(string path, string root)
    {
        if (root.Length == 0)
        {
            return null;
        }

        var trimmed = root.Length > 1 ? root.TrimEnd('/') : root;
        if (string.Equals(path, trimmed, StringComparison.Ordinal))
        {
            return "";
        }

        var prefix = trimmed == "/" ? "/" : trimmed + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
    }

    private static StringValue Str(string value) => new(value);

    private static Dictionary<string, CedarValue> Attrs(params (string Name, CedarValue Value)[] attrs)
    {
        var map = new Dictionary<string, CedarValue>(attrs.Length, StringComparer.Ordinal);
        foreach (var (name, value) in attrs)
        {
            map[name] = value;
        }

        return map;
    }
}
