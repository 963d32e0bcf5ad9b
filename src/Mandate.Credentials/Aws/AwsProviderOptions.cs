namespace Mandate.Credentials.Aws;

/// <summary>
/// One registered AWS provider (<c>mandate provider add aws</c>): where Mandate's own base credentials come from
/// and which STS endpoint it calls. Never read from the agent's environment: the base credentials are the
/// developer's (or the machine's), and only Mandate uses them, to call STS.
/// </summary>
public sealed record AwsProviderOptions
{
    /// <summary>The provider's name (<c>--provider</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The profile holding Mandate's base credentials; null means the SDK's default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>The shared credentials file to read <see cref="Profile"/> from; null means the SDK's default (~/.aws/credentials and ~/.aws/config).</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>The STS region (signing region, and the regional endpoint when no <see cref="EndpointUrl"/> is set).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>An STS endpoint to call instead of AWS's (a VPC endpoint, or a test server).</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>The longest lease this provider grants: 12 h is STS's ceiling for AssumeRole (the role's own MaxSessionDuration may be lower).</summary>
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromHours(1);
}
