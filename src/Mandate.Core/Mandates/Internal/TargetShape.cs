namespace Mandate.Core.Mandates.Internal;

/// <summary>The structure a kind's targets must have (docs/scopes.md lists them).</summary>
internal enum TargetShape
{
    /// <summary>An absolute path: <c>/</c> then segments; no empty, <c>.</c> or <c>..</c> segment.</summary>
    Path,

    /// <summary>A program name (one segment) or an absolute path.</summary>
    Program,

    /// <summary><c>host:port</c>: dot-separated labels, then a port 1–65535 or <c>*</c>.</summary>
    HostPort,

    /// <summary>Non-empty segments separated by <c>/</c>, none of them <c>.</c> or <c>..</c>.</summary>
    Segments,

    /// <summary><c>principal@host</c>.</summary>
    PrincipalAtHost,

    /// <summary>Anything non-empty (an AWS role ARN has empty fields: <c>arn:aws:iam::123:role/x</c>).</summary>
    Free,

    /// <summary>One segment of SPIFFE path characters: an agent type.</summary>
    AgentType,
}
