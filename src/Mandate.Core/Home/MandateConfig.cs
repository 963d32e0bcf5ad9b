namespace Mandate.Core.Home;

/// <summary>
/// <c>$MANDATE_HOME/config.json</c>, written by <c>mandate init</c> and edited by people.
/// docs/configuration.md documents every key.
/// </summary>
public sealed class MandateConfig
{
    public string TrustDomain { get; set; } = "";

    public TtlConfig Ttl { get; set; } = new();

    public UserConfig User { get; set; } = new();

    public PolicyConfig Policy { get; set; } = new();
}

public sealed class PolicyConfig
{
    /// <summary><c>enforce</c> (decisions apply) or <c>shadow</c> (decisions are recorded, the agent is allowed).</summary>
    public string Mode { get; set; } = "enforce";
}

public sealed class TtlConfig
{
    public string X509Svid { get; set; } = "1h";

    public string X509SvidMax { get; set; } = "24h";

    public string JwtSvid { get; set; } = "5m";

    public string JwtSvidMax { get; set; } = "1h";

    public string Mandate { get; set; } = "2h";

    public string MandateMax { get; set; } = "8h";
}

public sealed class UserConfig
{
    public string? Email { get; set; }
}
