using FsCheck;
using FsCheck.Fluent;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// FsCheck generators for scope laws: small alphabets ('a', 'b', separators, '*', '**') so that
/// random patterns are often related, over two kinds with different separators (fs '/', net '.' ':').
/// </summary>
public static class ScopeArbitraries
{
    private static readonly string[] PathTokens = ["a", "b", "*", "**"];

    public static Arbitrary<Capability> Capabilities() => CapabilityGen.ToArbitrary();

    public static Arbitrary<CapabilityPair> Pairs() =>
        Gen.OneOf(
            from a in CapabilityGen from b in CapabilityGen select new CapabilityPair(a, b),
            from a in CapabilityGen from seed in Gen.Choose(0, int.MaxValue - 1) select new CapabilityPair(a, Narrow(a, seed)))
        .ToArbitrary();

    public static Arbitrary<NarrowingChain> Chains() =>
        (from a in CapabilityGen
         from s1 in Gen.Choose(0, int.MaxValue - 1)
         from s2 in Gen.Choose(0, int.MaxValue - 1)
         let b = Narrow(a, s1)
         select new NarrowingChain(a, b, Narrow(b, s2))).ToArbitrary();

    private static Gen<Capability> CapabilityGen => Gen.Frequency(
        (3, from text in PathGen select Parse("fs:read:" + text, "fs:read:/a")),
        (1, from text in PathGen select Parse("fs:write:" + text, "fs:write:/a")),
        (2, from text in HostGen select Parse("net:connect:" + text, "net:connect:a:443")),
        (1, Gen.Constant(Capability.Parse("fs:read:**").Value)));

    private static Gen<string> SegmentGen =>
        from tokens in Gen.ListOf(Gen.Elements(PathTokens)).Select(l => l.Take(3).ToList())
        select tokens.Count == 0 ? "a" : string.Concat(tokens);

    private static Gen<string> PathGen =>
        from segments in Gen.ListOf(SegmentGen).Select(l => l.Take(3).ToList())
        select "/" + (segments.Count == 0 ? "a" : string.Join('/', segments));

    private static Gen<string> HostGen =>
        from labels in Gen.ListOf(SegmentGen).Select(l => l.Take(3).ToList())
        from port in Gen.Elements("80", "443", "*")
        select (labels.Count == 0 ? "a" : string.Join('.', labels)) + ":" + port;

    /// <summary>Parses, or falls back when the random text breaks a rule (wildcard-only, '***', …).</summary>
    private static Capability Parse(string text, string fallback) =>
        Capability.Parse(text) is { IsSuccess: true } c ? c.Value : Capability.Parse(fallback).Value;

    /// <summary>
    /// A capability whose language is a subset of <paramref name="wide"/>'s by construction: one
    /// wildcard replaced by something it matches ('**' by '*', 'a', '', '*/*' or 'b**'; '*' by 'a', '' or '*a').
    /// </summary>
    public static Capability Narrow(Capability wide, int seed)
    {
        var target = wide.Target;
        var stars = new List<(int Index, int Length)>();
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == '*')
            {
                var length = i + 1 < target.Length && target[i + 1] == '*' ? 2 : 1;
                stars.Add((i, length));
                i += length - 1;
            }
        }

        if (stars.Count == 0)
        {
            return wide;
        }

        var (index, len) = stars[seed % stars.Count];
        string[] options = len == 2 ? ["*", "a", "", "*/*", "b**", "**"] : ["a", "", "*a", "*"];
        var replaced = target[..index] + options[(seed / stars.Count) % options.Length] + target[(index + len)..];
        var narrow = Capability.Parse($"{wide.Kind}:{wide.Verb}:{replaced}");
        return narrow.IsSuccess ? narrow.Value : wide;
    }
}
