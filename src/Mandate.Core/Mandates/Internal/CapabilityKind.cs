namespace Mandate.Core.Mandates.Internal;

/// <summary>One kind of capability: its verbs, the characters that separate its target's segments, and the target's shape.</summary>
internal sealed record CapabilityKind(string Name, string[] Verbs, string Separators, TargetShape Shape)
{
    /// <summary>The kinds of DESIGN.md §3. Verbs never imply one another (docs/scopes.md).</summary>
    public static readonly CapabilityKind[] All =
    [
        new("fs", ["read", "write"], "/", TargetShape.Path),
        new("exec", ["run"], "/", TargetShape.Program),
        new("net", ["connect"], ".:", TargetShape.HostPort),
        new("repo", ["read", "write", "push"], "/", TargetShape.Segments),
        new("mcp", ["call"], "/", TargetShape.Segments),
        new("secret", ["read"], "/", TargetShape.Segments),
        new("db", ["connect"], "/", TargetShape.Segments),
        new("ssh", ["login"], "@.", TargetShape.PrincipalAtHost),
        new("aws", ["assume"], ":/", TargetShape.Free),
        new("agent", ["delegate"], "/", TargetShape.AgentType),
    ];

    public static CapabilityKind? Find(ReadOnlySpan<char> name)
    {
        foreach (var kind in All)
        {
            if (name.SequenceEqual(kind.Name))
            {
                return kind;
            }
        }

        return null;
    }

    public bool HasVerb(ReadOnlySpan<char> verb)
    {
        foreach (var v in Verbs)
        {
            if (verb.SequenceEqual(v))
            {
                return true;
            }
        }

        return false;
    }
}
