using System.Text.Json;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// What one engine said about one request: the decision with the determining and erroring policy ids (both
/// sorted), or that it refused the input (<see cref="Failure"/>: policies that do not parse, bad entity data).
/// Messages are not compared: the two engines word them differently.
/// </summary>
internal sealed record Answer(string? Decision, IReadOnlyList<string> Reasons, IReadOnlyList<string> Errors, string? Failure)
{
    public static Answer Refused(string message) => new(null, [], [], message);

    public static Answer From(Response response) => new(
        response.IsAllowed ? "allow" : "deny",
        [.. response.Reasons.Order(StringComparer.Ordinal)],
        [.. response.Errors.Select(e => e.PolicyId).Order(StringComparer.Ordinal)],
        null);

    /// <summary>Reads one answer line element of cedar-diff.mjs.</summary>
    public static Answer FromOracle(JsonElement element)
    {
        if (element.TryGetProperty("failure", out var failure) || element.TryGetProperty("parseFailure", out failure))
        {
            return Refused(failure.GetString() ?? "failure");
        }

        if (element.TryGetProperty("crash", out var crash))
        {
            throw new InvalidOperationException("cedar-diff.mjs crashed: " + crash.GetString());
        }

        return new Answer(
            element.GetProperty("decision").GetString(),
            [.. element.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)],
            [.. element.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)],
            null);
    }

    public bool Agrees(Answer other) =>
        (Failure is null) == (other.Failure is null)
        && Decision == other.Decision
        && Reasons.SequenceEqual(other.Reasons, StringComparer.Ordinal)
        && Errors.SequenceEqual(other.Errors, StringComparer.Ordinal);

    /// <summary>The policy ids whose outcome differs (satisfied in one engine only, or erroring in one only).</summary>
    public IEnumerable<string> DivergingPolicies(Answer other) =>
        Reasons.Except(other.Reasons).Concat(other.Reasons.Except(Reasons))
            .Concat(Errors.Except(other.Errors)).Concat(other.Errors.Except(Errors))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public override string ToString() => Failure is not null
        ? "refused: " + Failure
        : $"{Decision} reasons=[{string.Join(", ", Reasons)}] errors=[{string.Join(", ", Errors)}]";
}
