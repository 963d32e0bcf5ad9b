using FsCheck.Xunit;

namespace Mandate.Cedar.Tests.Parsing;

/// <summary>Hostile or random input gives errors as values, never crashes or unexpected exceptions.</summary>
public sealed class RobustnessTests
{
    private const string Alphabet = "permitforbidwhenunless(){}[]<>=!&|+-*/%.,;:@?\"\\ principal action resource context has like is in if then else 0123456789 User::\"a\" true false";

    [Property(MaxTest = 500)]
    public bool Parse_RandomTokenSoup_ReturnsErrorsOrPolicies(int[] picks)
    {
        var text = new string((picks ?? []).Select(i => Alphabet[(int)((uint)i % (uint)Alphabet.Length)]).ToArray());
        var ok = PolicySet.TryParse("permit(principal, action, resource) when { " + text + " };", out var set, out var errors);
        return ok ? set is not null : errors.Count > 0 && errors.All(e => e.Line >= 1 && e.Column >= 1);
    }

    [Property(MaxTest = 300)]
    public bool Parse_ArbitraryText_NeverThrows(string? text)
    {
        PolicySet.TryParse(text ?? string.Empty, out _, out _);
        return true;
    }

    [Property(MaxTest = 300)]
    public bool EntitiesJson_ArbitraryText_OnlyThrowsCedarJsonException(string? text)
    {
        try
        {
            Entities.FromJson(text ?? string.Empty);
        }
        catch (CedarJsonException)
        {
        }

        return true;
    }

    [Fact]
    public void Entities_HugeHierarchy_IsRejectedNotExhaustingMemory()
    {
        // A chain of 500 entities has 125,000 ancestor relations, over the limit given here.
        var entities = Enumerable.Range(0, 500).Select(i =>
            new Entity(new EntityUid("G", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), parents: [new EntityUid("G", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        Assert.Throws<CedarJsonException>(() => Entities.Create(entities, maxAncestorEntries: 100_000));
    }

    [Fact]
    public void Entities_CyclicHierarchy_IsRefusedAsCedarDoes()
    {
        Assert.Throws<CedarJsonException>(() => Entities.FromJson("""
            [{"uid": {"type": "G", "id": "a"}, "parents": [{"type": "G", "id": "b"}]},
             {"uid": {"type": "G", "id": "b"}, "parents": [{"type": "G", "id": "a"}]}]
            """));
        Assert.Throws<CedarJsonException>(() => Entities.FromJson("""[{"uid": {"type": "G", "id": "a"}, "parents": [{"type": "G", "id": "a"}]}]"""));
    }

    [Fact]
    public void Entities_DuplicateEntries_AreAcceptedOnlyWhenIdentical()
    {
        const string same = """{"uid": {"type": "U", "id": "a"}, "attrs": {"n": 1}, "parents": [{"type": "G", "id": "g"}]}""";
        Assert.Equal(1, Entities.FromJson("[" + same + "," + same + "]").Count);
        Assert.Throws<CedarJsonException>(() => Entities.FromJson("[" + same + """, {"uid": {"type": "U", "id": "a"}, "attrs": {"n": 2}}]"""));
    }
}
