using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>The attack corpus (issue 5): every hostile token with the check that must reject it.</summary>
internal static partial class MandateAttacks
{
    public static readonly IReadOnlyList<MandateAttack> All = [.. Envelope(), .. Claims(), .. Chain()];

    public static MandateAttack Find(string name) => All.Single(a => a.Name == name);

    private static MandateAttack A(string name, MandateCheck check, Func<AttackKit, string> token) => new(name, check, token);
}
