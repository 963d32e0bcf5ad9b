namespace Mandate.Core.Audit;

/// <summary>Filters for <c>mandate audit list</c>; null means any.</summary>
public sealed record AuditQuery
{
    public string? Agent { get; init; }

    public string? Human { get; init; }

    public string? Task { get; init; }

    public string? Decision { get; init; }

    public string? Kind { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public long? AfterSeq { get; init; }

    public int Limit { get; init; } = 50;
}
