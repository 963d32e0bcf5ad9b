namespace Mandate.Core.Mandates;

/// <summary>What <c>mandate grant</c> asks for.</summary>
public sealed record GrantRequest
{
    /// <summary>The accountable human (config <c>user.email</c>).</summary>
    public required string? HumanEmail { get; init; }

    /// <summary>The agent's id or SPIFFE ID.</summary>
    public required string Agent { get; init; }

    public required string Title { get; init; }

    public required string Purpose { get; init; }

    public required string Scope { get; init; }

    public required TimeSpan Ttl { get; init; }

    public int MaxDepth { get; init; }

    public string? Ask { get; init; }

    public string? Audience { get; init; }

    public ReadOnlyMemory<byte>? BindCertificate { get; init; }
}
