using FsCheck.Xunit;
using Mandate.Core.Mandates;
using Mandate.Core.Mandates.Internal;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// Scope coverage as laws (issue 5): reflexive, transitive, sound (whatever the covered capability
/// matches, the covering one matches), and complete (when coverage is refused, a witness string
/// proves it; narrowing by construction is always covered). Together: coverage is exact.
/// </summary>
public sealed class ScopePropertyTests
{
    private const string Letters = "abx";

    [Property(MaxTest = 500, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Covers_IsReflexive(Capability a) => Assert.True(a.Covers(a));

    [Property(MaxTest = 300, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Parse_OfCanonicalText_GivesTheSameCapability(Capability a) => Assert.Equal(a, Capability.Parse(a.ToString()).Value);

    [Property(MaxTest = 500, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Covers_NarrowedByConstruction_IsCovered(NarrowingChain c)
    {
        Assert.True(c.Wide.Covers(c.Middle), $"{c.Wide} should cover {c.Middle}");
        Assert.True(c.Middle.Covers(c.Narrow), $"{c.Middle} should cover {c.Narrow}");
        Assert.True(c.Wide.Covers(c.Narrow), $"{c.Wide} should cover {c.Narrow}");
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Covers_IsTransitive(CapabilityPair ab, CapabilityPair bc)
    {
        // Chain the pairs through ab.B so the premise holds often enough to mean something (a stable seed, so FsCheck replays).
        var (a, b, c) = (ab.A, ab.B, ScopeArbitraries.Narrow(ab.B, bc.A.ToString().Sum(ch => ch)));
        if (a.Covers(b) && b.Covers(c))
        {
            Assert.True(a.Covers(c), $"{a} ⊒ {b} ⊒ {c}");
        }

        if (a.Covers(bc.A) && bc.A.Covers(bc.B))
        {
            Assert.True(a.Covers(bc.B), $"{a} ⊒ {bc.A} ⊒ {bc.B}");
        }
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Covers_IsSound_EveryStringTheCoveredMatchesTheCoverMatches(CapabilityPair p, int seed)
    {
        if (!p.A.Covers(p.B))
        {
            return;
        }

        var random = new Random(seed);
        for (var i = 0; i < 20; i++)
        {
            var s = Expand(p.B.Pattern, random);
            Assert.True(p.B.Pattern.IsMatch(s), $"generator: {p.B} should match '{s}'");
            Assert.True(p.A.Pattern.IsMatch(s), $"{p.A} covers {p.B} but does not match '{s}'");
        }
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Covers_IsComplete_ARefusalComesWithAWitness(CapabilityPair p)
    {
        if (p.A.Kind != p.B.Kind || p.A.Verb != p.B.Verb)
        {
            Assert.False(p.A.Covers(p.B));
            return;
        }

        var covered = GlobInclusion.Covers(p.A.Pattern, p.B.Pattern, out var witness);
        Assert.Equal(covered, p.A.Covers(p.B));
        if (!covered)
        {
            Assert.NotNull(witness);
            Assert.True(p.B.Pattern.IsMatch(witness), $"witness '{witness}' should match {p.B}");
            Assert.False(p.A.Pattern.IsMatch(witness), $"witness '{witness}' should not match {p.A}");
        }
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Covers_AgreesWithExhaustiveCheckOverShortStrings(CapabilityPair p)
    {
        if (p.A.Kind != p.B.Kind || p.A.Verb != p.B.Verb)
        {
            return;
        }

        // Every string up to 6 characters over letters, separators (and port digits for net).
        var alphabet = p.A.Kind == "net" ? "a.:438" : "abx/";
        var counterexample = Strings(alphabet.ToCharArray(), 6)
            .FirstOrDefault(s => p.B.Pattern.IsMatch(s) && !p.A.Pattern.IsMatch(s));
        if (counterexample is not null)
        {
            Assert.False(p.A.Covers(p.B), $"{p.A} claims to cover {p.B} but '{counterexample}' is matched only by the latter");
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Covers_EverythingCoversAllOfItsKind(Capability a)
    {
        var everything = Capability.Parse($"{a.Kind}:{a.Verb}:**").Value;

        Assert.True(everything.Covers(a));
        Assert.Equal(a.Target == "**", a.Covers(everything));
    }

    /// <summary>A random string the pattern matches: wildcards replaced by short runs they may match.</summary>
    internal static string Expand(GlobPattern pattern, Random random)
    {
        var text = new System.Text.StringBuilder();
        foreach (var t in pattern.Tokens)
        {
            var pool = t switch
            {
                GlobPattern.Star => Letters,
                GlobPattern.DoubleStar => Letters + pattern.Separators,
                _ => null,
            };
            if (pool is null)
            {
                text.Append((char)t);
                continue;
            }

            for (var n = random.Next(0, 4); n > 0; n--)
            {
                text.Append(pool[random.Next(pool.Length)]);
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Strings(char[] alphabet, int maxLength)
    {
        var level = new List<string> { "" };
        yield return "";
        for (var length = 1; length <= maxLength; length++)
        {
            var next = new List<string>(level.Count * alphabet.Length);
            foreach (var prefix in level)
            {
                foreach (var c in alphabet)
                {
                    var s = prefix + c;
                    next.Add(s);
                    yield return s;
                }
            }

            level = next;
        }
    }
}
