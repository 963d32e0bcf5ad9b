using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>One hostile token and the check that must reject it.</summary>
internal sealed record MandateAttack(
    string Name,
    MandateCheck Check,
    Func<AttackKit, string> Token,
    Func<AttackKit, MandateVerificationOptions>? Options = null,
    Action<AttackKit>? Arrange = null);
