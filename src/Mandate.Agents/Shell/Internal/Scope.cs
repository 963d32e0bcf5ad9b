namespace Mandate.Agents.Shell.Internal;

/// <summary>
/// What the analyser knows while it walks a script: the working directory, the literal values of
/// variables assigned earlier (null = assigned but unknown), the functions defined and the git remotes added.
/// </summary>
internal sealed class Scope(string cwd)
{
    public string Cwd { get; set; } = cwd;

    public Dictionary<string, string?> Vars { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Functions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Remotes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> SnapshotVars() => new(Vars, StringComparer.Ordinal);

    /// <summary>Forgets (marks unknown) every variable whose value differs from <paramref name="before"/>: it was set on a path that may not run.</summary>
    public void ForgetChangedSince(Dictionary<string, string?> before)
    {
        List<string>? changed = null;
        foreach (var (name, value) in Vars)
        {
            if (value is not null && (!before.TryGetValue(name, out var old) || old != value))
            {
                (changed ??= []).Add(name);
            }
        }

        if (changed is not null)
        {
            foreach (var name in changed)
            {
                Vars[name] = null;
            }
        }
    }

    /// <summary>Restores variables exactly (a subshell's assignments do not leave it).</summary>
    public void Restore(Dictionary<string, string?> before)
    {
        Vars.Clear();
        foreach (var (name, value) in before)
        {
            Vars[name] = value;
        }
    }
}
