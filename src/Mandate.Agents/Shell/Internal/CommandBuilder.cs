namespace Mandate.Agents.Shell.Internal;

/// <summary>A <see cref="SimpleCommand"/> while it is being analysed; redirections of an enclosing compound may still be added.</summary>
internal sealed class CommandBuilder(string via)
{
    public string Via { get; } = via;

    public string Program { get; set; } = "";

    public string? ProgramPath { get; set; }

    public List<string> Args { get; set; } = [];

    public List<string> Reads { get; } = [];

    public List<string> Writes { get; } = [];

    public List<string> TreeReads { get; } = [];

    public List<HostRef> Hosts { get; } = [];

    public bool ReadsEnvironment { get; set; }

    public string? OpaqueReason { get; private set; }

    public bool IsPush { get; set; }

    public bool IsForce { get; set; }

    public string? Remote { get; set; }

    /// <summary>Marks the command opaque; the first reason given is kept.</summary>
    public void MarkOpaque(string reason) => OpaqueReason ??= reason;

    public void AddRead(string path)
    {
        if (!Reads.Contains(path))
        {
            Reads.Add(path);
        }

        if (ShellPath.IsProcEnviron(path))
        {
            ReadsEnvironment = true;
        }
    }

    /// <summary>A directory the command reads whole, hidden files included (<c>grep -r</c>, <c>tar c</c>); also a read.</summary>
    public void AddTreeRead(string path)
    {
        AddRead(path);
        if (!TreeReads.Contains(path))
        {
            TreeReads.Add(path);
        }
    }

    public void AddWrite(string path)
    {
        if (!Writes.Contains(path))
        {
            Writes.Add(path);
        }
    }

    public void AddHost(HostRef? host)
    {
        if (host is not null && !Hosts.Contains(host))
        {
            Hosts.Add(host);
        }
    }

    public SimpleCommand Build() => new()
    {
        Program = Program,
        ProgramPath = ProgramPath,
        Args = Args,
        Reads = Reads,
        Writes = Writes,
        TreeReads = TreeReads,
        Hosts = Hosts,
        ReadsEnvironment = ReadsEnvironment,
        Opaque = OpaqueReason is not null,
        OpaqueReason = OpaqueReason,
        Via = Via,
        IsPush = IsPush,
        IsForce = IsForce,
        Remote = Remote,
    };
}
