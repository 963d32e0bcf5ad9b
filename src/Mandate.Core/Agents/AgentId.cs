using System.Security.Cryptography;

namespace Mandate.Core.Agents;

/// <summary>A registered agent's id: <c>agt_</c> and 16 lowercase hex digits, random.</summary>
public readonly record struct AgentId(string Value)
{
    public const string Prefix = "agt_";

    public static AgentId New() => new(Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));

    public static bool LooksLikeId(string text) =>
        text is not null && text.Length == Prefix.Length + 16 && text.StartsWith(Prefix, StringComparison.Ordinal) &&
        text.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef") is false;

    public override string ToString() => Value;
}
