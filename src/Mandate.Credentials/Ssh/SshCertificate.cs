namespace Mandate.Credentials.Ssh;

/// <summary>A signed OpenSSH certificate: its wire blob and the fields worth reporting.</summary>
public sealed record SshCertificate
{
    /// <summary>e.g. <c>ssh-ed25519-cert-v01@openssh.com</c>.</summary>
    public required string Type { get; init; }

    public required ReadOnlyMemory<byte> Blob { get; init; }

    public required ulong Serial { get; init; }

    public required string KeyId { get; init; }

    public required IReadOnlyList<string> Principals { get; init; }

    public required DateTimeOffset ValidAfter { get; init; }

    public required DateTimeOffset ValidBefore { get; init; }

    /// <summary>The <c>-cert.pub</c> file line: <c>&lt;type&gt; &lt;base64&gt; &lt;comment&gt;</c>.</summary>
    public string ToLine(string comment = "") =>
        comment.Length == 0 ? $"{Type} {Convert.ToBase64String(Blob.Span)}" : $"{Type} {Convert.ToBase64String(Blob.Span)} {comment}";
}
