namespace Mandate.Credentials.Ssh;

/// <summary>What goes into a user certificate (PROTOCOL.certkeys). Defaults are the least a login needs.</summary>
public sealed record SshCertificateRequest
{
    /// <summary>The flag extensions a Mandate certificate carries by default: a terminal, and nothing else
    /// (no agent, port or X11 forwarding, no ~/.ssh/rc).</summary>
    public static readonly IReadOnlyList<string> DefaultExtensions = ["permit-pty"];

    public required SshPublicKey SubjectKey { get; init; }

    /// <summary>Logged by sshd on every login: <c>mandate:&lt;lease&gt; agent=… human=… task=…</c>.</summary>
    public required string KeyId { get; init; }

    /// <summary>The user names the certificate may log in as. Never empty: an empty list means "any user" to sshd.</summary>
    public required IReadOnlyList<string> Principals { get; init; }

    public required DateTimeOffset ValidAfter { get; init; }

    public required DateTimeOffset ValidBefore { get; init; }

    /// <summary>The <c>source-address</c> critical option: comma-separated addresses or CIDR blocks, or null.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>The <c>force-command</c> critical option, or null (the default).</summary>
    public string? ForceCommand { get; init; }

    /// <summary>Flag extensions (their data is empty), e.g. <c>permit-pty</c>.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = DefaultExtensions;

    /// <summary>A fixed serial; random (and non-zero) when null.</summary>
    public ulong? Serial { get; init; }
}
