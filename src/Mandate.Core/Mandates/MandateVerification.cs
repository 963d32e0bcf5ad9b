using System.Diagnostics.CodeAnalysis;
using Mandate.Core.Errors;

namespace Mandate.Core.Mandates;

/// <summary>The outcome of verifying a mandate: the verified claims, or the first check that failed with a stable code and reason.</summary>
public sealed class MandateVerification
{
    private MandateVerification(MandateClaims? claims, MandateCheck? failedCheck, MandateError? error)
    {
        Claims = claims;
        FailedCheck = failedCheck;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Claims))]
    [MemberNotNullWhen(false, nameof(Error), nameof(FailedCheck))]
    public bool IsValid => Error is null;

    public MandateClaims? Claims { get; }

    public MandateCheck? FailedCheck { get; }

    public MandateError? Error { get; }

    internal static MandateVerification Valid(MandateClaims claims) => new(claims, null, null);

    internal static MandateVerification Failed(MandateCheck check, MandateError error) => new(null, check, error);

    public override string ToString() => IsValid ? $"valid mandate {Claims.Jti}" : $"{Error.Code} {FailedCheck}: {Error.Message}";
}
