namespace Mandate.Credentials.GitHub;

/// <summary>An installation access token as GitHub returns it; <see cref="Token"/> is secret.</summary>
public sealed record GitHubInstallationToken(string Token, DateTimeOffset ExpiresAt, string Permissions, IReadOnlyList<string> Repositories)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"GitHubInstallationToken(expires {ExpiresAt:O}, {Permissions})";
}
