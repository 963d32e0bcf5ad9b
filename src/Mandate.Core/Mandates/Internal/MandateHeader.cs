namespace Mandate.Core.Mandates.Internal;

/// <summary>What a mandate's JOSE header says, as <see cref="MandateHeaderReader"/> read it; judged by <see cref="MandateVerifier"/>.</summary>
internal readonly struct MandateHeader
{
    /// <summary>The first member other than alg, kid and typ, or null when there is none.</summary>
    public string? Refused { get; init; }

    public bool IsEs256 { get; init; }

    /// <summary><c>alg</c> when it is a string other than ES256 (for the message), otherwise null.</summary>
    public string? Algorithm { get; init; }

    public bool IsMandateType { get; init; }

    /// <summary><c>typ</c> when it is a string other than mandate+jwt (for the message), otherwise null.</summary>
    public string? Type { get; init; }

    /// <summary><c>kid</c> when it is a string, otherwise null.</summary>
    public string? Kid { get; init; }
}
