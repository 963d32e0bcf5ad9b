using System.Globalization;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Core.Mandates;
using Mandate.Credentials.Leases;

namespace Mandate.Credentials.Aws;

/// <summary>
/// AWS credentials from STS <c>AssumeRole</c> (kind <c>aws</c>): a session for one role, named after the lease, carrying
/// the agent and human as SourceIdentity, the task and lease as session tags, and a session policy from the mandate's
/// <c>aws:</c> scope. Parameters: <c>role</c> (the role ARN), optional <c>scope</c> (the verified mandate's scope text,
/// which the session policy is derived from; absent, the policy is the narrowest). STS sessions cannot be renewed
/// or revoked one by one: revocation marks the lease and the credentials die at their Expiration (docs/adr/0007).
/// </summary>
public sealed class AwsProvider : ILeaseProvider
{
    public const string KindName = "aws";

    /// <summary>STS's floor and ceiling for AssumeRole's DurationSeconds.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(900);

    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    public const string RoleParameter = "role";
    public const string ScopeParameter = "scope";

    private readonly AwsProviderOptions _options;

    public AwsProvider(AwsProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public string Kind => KindName;

    public AwsProviderOptions Options => _options;

    /// <summary>The configured ceiling, never past STS's 12 hours.</summary>
    public TimeSpan MaxTtl => _options.MaxTtl < MaxDuration ? _options.MaxTtl : MaxDuration;

    public string Capability(LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return "aws:assume:" + (request.Parameters.TryGetValue(RoleParameter, out var role) ? role : "");
    }

    public Outcome<IssuedCredential> Issue(LeaseRequest request, LeaseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grant);
        var built = BuildRequest(request, grant);
        if (!built.IsSuccess)
        {
            return built.Error;
        }

        var credentials = AwsBaseCredentials.Resolve(_options);
        if (!credentials.IsSuccess)
        {
            return credentials.Error;
        }

        var config = Config();
        if (!config.IsSuccess)
        {
            return config.Error;
        }

        AssumeRoleResponse response;
        try
        {
            using var client = new AmazonSecurityTokenServiceClient(credentials.Value, config.Value);
            response = client.AssumeRoleAsync(built.Value).GetAwaiter().GetResult();
        }
        catch (AmazonServiceException e)
        {
            return new MandateError(
                ErrorCodes.AwsStsRefused,
                $"STS refused AssumeRole for {built.Value.RoleArn}: {e.ErrorCode} ({(int)e.StatusCode}) {AwsBaseCredentials.OneLine(e.Message)}",
                "Check that the base credentials may assume the role (its trust policy must allow sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity) and that the role's MaxSessionDuration covers the TTL.");
        }
        catch (ProcessAWSCredentialException e)
        {
            // The base profile's own credential_process failed (or is Mandate itself: MDT6087 in its message).
            return new MandateError(
                ErrorCodes.AwsBaseCredentialsMissing,
                $"AWS provider '{_options.Name}': the base profile's credential_process failed: {AwsBaseCredentials.OneLine(e.Message)}",
                "Register the provider with a --profile that holds your own keys (not one that runs 'mandate credential aws').");
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException or TaskCanceledException)
        {
            return new MandateError(
                ErrorCodes.AwsStsUnreachable,
                $"STS could not be reached for provider '{_options.Name}': {e.GetType().Name}: {AwsBaseCredentials.OneLine(e.Message)}",
                "Check the network, the provider's --region and --endpoint-url, then retry.");
        }

        return Issued(built.Value, response);
    }

    /// <summary>STS sessions cannot be extended; a new lease gets new credentials.</summary>
    public Outcome<bool> Renew(Lease lease, DateTimeOffset expiresAt) => false;

    /// <summary>
    /// AWS has no API to revoke one STS session: the lease is marked revoked and the credentials stop working at their
    /// Expiration (15 minutes at least). Nothing is left to do at the source, so this always succeeds.
    /// </summary>
    public Outcome<bool> Revoke(Lease lease) => true;

    internal Outcome<AssumeRoleRequest> BuildRequest(LeaseRequest request, LeaseGrant grant)
    {
        if (!request.Parameters.TryGetValue(RoleParameter, out var role) || !AwsRoleArn.IsValid(role))
        {
            return new MandateError(
                ErrorCodes.AwsRequestInvalid,
                $"'{Shorten(role)}' is not an IAM role ARN.",
                "Pass --role arn:aws:iam::<account>:role/<name>.");
        }

        Scope? scope = null;
        if (request.Parameters.TryGetValue(ScopeParameter, out var scopeText))
        {
            var parsed = Scope.Parse(scopeText, allowEmpty: true);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            scope = parsed.Value;
        }

        return new AssumeRoleRequest
        {
            RoleArn = role,
            RoleSessionName = AwsNames.SessionName(grant.LeaseId),
            DurationSeconds = DurationSeconds(grant.ExpiresAt - grant.IssuedAt),
            SourceIdentity = AwsNames.SourceIdentity(grant.Actor, grant.HumanEmail),
            Tags =
            [
                new Tag { Key = "mandate:task", Value = AwsNames.TagValue(grant.TaskId) },
                new Tag { Key = "mandate:lease", Value = AwsNames.TagValue(grant.LeaseId) },
                new Tag { Key = "mandate:human", Value = AwsNames.TagValue(grant.HumanEmail) },
            ],
            Policy = AwsSessionPolicy.For(scope),
        };
    }

    /// <summary>The lease TTL in whole seconds, raised to STS's 900 s floor and held under its 12 h ceiling.</summary>
    internal static int DurationSeconds(TimeSpan ttl)
    {
        var seconds = Math.Ceiling(ttl.TotalSeconds);
        return (int)Math.Clamp(seconds, MinDuration.TotalSeconds, MaxDuration.TotalSeconds);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;

    private Outcome<AmazonSecurityTokenServiceConfig> Config()
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            AuthenticationRegion = _options.Region,
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (_options.EndpointUrl is { } endpoint)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                return new MandateError(ErrorCodes.AwsConfigInvalid, $"AWS provider '{_options.Name}': endpoint '{endpoint}' is not an http(s) URL.", "Register the provider again with --endpoint-url https://….");
            }

            config.ServiceURL = endpoint.ToString();
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(_options.Region);
        }

        return config;
    }

    private static Outcome<IssuedCredential> Issued(AssumeRoleRequest request, AssumeRoleResponse response)
    {
        var c = response.Credentials;
        if (c is null || string.IsNullOrEmpty(c.AccessKeyId) || string.IsNullOrEmpty(c.SecretAccessKey) || string.IsNullOrEmpty(c.SessionToken) || c.Expiration is null)
        {
            return new MandateError(ErrorCodes.AwsStsResponseInvalid, $"STS answered AssumeRole for {request.RoleArn} without complete credentials.", "Check the provider's --endpoint-url points at STS.");
        }

        var utc = c.Expiration.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(c.Expiration.Value, DateTimeKind.Utc) : c.Expiration.Value.ToUniversalTime();
        var expiration = new DateTimeOffset(utc, TimeSpan.Zero);
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["role"] = request.RoleArn,
            ["session_name"] = request.RoleSessionName,
            ["source_identity"] = response.SourceIdentity ?? request.SourceIdentity,
            ["expiration"] = expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (response.AssumedRoleUser?.Arn is { Length: > 0 } arn)
        {
            details["assumed_role_arn"] = arn;
        }

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["access_key_id"] = c.AccessKeyId,
            ["secret_access_key"] = c.SecretAccessKey,
            ["session_token"] = c.SessionToken,
        };
        return new IssuedCredential(details, secrets);
    }
}
