using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Time;

namespace Mandate.Core.Home;

/// <summary>The configuration, checked: every TTL parsed, defaults within maxima.</summary>
public sealed record Settings
{
    public required TrustDomain TrustDomain { get; init; }

    public required TimeSpan X509Ttl { get; init; }

    public required TimeSpan X509MaxTtl { get; init; }

    public required TimeSpan JwtTtl { get; init; }

    public required TimeSpan JwtMaxTtl { get; init; }

    public required TimeSpan MandateTtl { get; init; }

    public required TimeSpan MandateMaxTtl { get; init; }

    public string? UserEmail { get; init; }

    /// <summary>policy.mode is shadow: every decision is computed and recorded, and the agent is allowed.</summary>
    public bool Shadow { get; init; }

    /// <summary>Checks the whole file and reports every problem at once.</summary>
    public static Outcome<Settings> From(MandateConfig config, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var td = TrustDomain.Parse(config.TrustDomain);
        if (!td.IsSuccess)
        {
            problems.Add("trust_domain: " + td.Error.Message);
        }

        var ttl = config.Ttl ?? new TtlConfig();
        var x509 = Read(ttl.X509Svid, "ttl.x509_svid", problems);
        var x509Max = Read(ttl.X509SvidMax, "ttl.x509_svid_max", problems);
        var jwt = Read(ttl.JwtSvid, "ttl.jwt_svid", problems);
        var jwtMax = Read(ttl.JwtSvidMax, "ttl.jwt_svid_max", problems);
        var mandate = Read(ttl.Mandate, "ttl.mandate", problems);
        var mandateMax = Read(ttl.MandateMax, "ttl.mandate_max", problems);
        CheckWithin(x509, x509Max, "ttl.x509_svid", problems);
        CheckWithin(jwt, jwtMax, "ttl.jwt_svid", problems);
        CheckWithin(mandate, mandateMax, "ttl.mandate", problems);
        if (mandateMax > Mandates.MandateIssuer.AbsoluteMaxTtl)
        {
            problems.Add($"ttl.mandate_max: {ttl.MandateMax} is longer than a mandate may ever live ({DurationText.Format(Mandates.MandateIssuer.AbsoluteMaxTtl)})");
        }
        var mode = config.Policy?.Mode ?? "enforce";
        if (mode is not ("enforce" or "shadow"))
        {
            problems.Add($"policy.mode: '{mode}' is neither enforce nor shadow");
        }

        if (problems.Count > 0)
        {
            return new MandateError(
                ErrorCodes.ConfigInvalid,
                $"{path} has {problems.Count} problem(s): {string.Join("; ", problems)}",
                "Edit the file (docs/configuration.md lists every key), or re-create the home with 'mandate init --force'.");
        }

        return new Settings
        {
            TrustDomain = td.Value,
            X509Ttl = x509,
            X509MaxTtl = x509Max,
            JwtTtl = jwt,
            JwtMaxTtl = jwtMax,
            MandateTtl = mandate,
            MandateMaxTtl = mandateMax,
            UserEmail = config.User?.Email,
            Shadow = mode == "shadow",
        };
    }

    private static TimeSpan Read(string? text, string key, List<string> problems)
    {
        var parsed = DurationText.Parse(text, key);
        if (parsed.IsSuccess)
        {
            return parsed.Value;
        }

        problems.Add(parsed.Error.Message);
        return TimeSpan.Zero;
    }

    private static void CheckWithin(TimeSpan value, TimeSpan max, string key, List<string> problems)
    {
        if (value > TimeSpan.Zero && max > TimeSpan.Zero && value > max)
        {
            problems.Add($"{key} ({DurationText.Format(value)}) is longer than {key}_max ({DurationText.Format(max)})");
        }
    }
}
