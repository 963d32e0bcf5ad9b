using Mandate.Core.Errors;
using Mandate.Core.Mandates.Internal;

namespace Mandate.Core.Mandates;

/// <summary>
/// One permission, <c>kind:verb:target</c> (DESIGN.md §3, docs/scopes.md). The target is a literal
/// or a glob: <c>*</c> within one segment, <c>**</c> across segments. Immutable; equal when the
/// canonical texts are equal.
/// </summary>
public sealed class Capability : IEquatable<Capability>
{
    private readonly CapabilityKind _kind;
    private readonly string _text;

    private Capability(CapabilityKind kind, string verb, GlobPattern pattern)
    {
        _kind = kind;
        Verb = verb;
        Pattern = pattern;
        Target = pattern.ToString();
        _text = kind.Name + ":" + verb + ":" + Target;
    }

    public string Kind => _kind.Name;

    public string Verb { get; }

    /// <summary>The target in canonical form (escapes and percent-encoding normalised).</summary>
    public string Target { get; }

    /// <summary>True when the target has no wildcard.</summary>
    public bool IsLiteral => Pattern.IsLiteral;

    internal GlobPattern Pattern { get; }

    /// <summary>The kinds Mandate knows, with their verbs: <c>fs</c> → read, write; …</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Kinds { get; } =
        CapabilityKind.All.ToDictionary(k => k.Name, k => (IReadOnlyList<string>)k.Verbs, StringComparer.Ordinal);

    public static Outcome<Capability> Parse(string? text)
    {
        var capability = TryParse(text, out var why);
        return capability is not null
            ? capability
            : new MandateError(
                ErrorCodes.ScopeInvalid,
                $"Capability '{Shorten(text)}' is invalid: {why}.",
                "Write kind:verb:target, e.g. fs:read:/src/** or net:connect:api.nuget.org:443; see docs/scopes.md.");
    }

    internal static Capability? TryParse(string? text, out string why)
    {
        if (string.IsNullOrEmpty(text))
        {
            why = "it is empty";
            return null;
        }

        var first = text.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf(':', first + 1);
        if (second < 0)
        {
            why = "it is not kind:verb:target";
            return null;
        }

        var kind = CapabilityKind.Find(text.AsSpan(0, first));
        if (kind is null)
        {
            why = $"unknown kind '{Shorten(text[..first])}' (known: {string.Join(", ", CapabilityKind.All.Select(k => k.Name))})";
            return null;
        }

        var verb = text.AsSpan(first + 1, second - first - 1);
        if (!kind.HasVerb(verb))
        {
            why = $"unknown verb '{Shorten(verb.ToString())}' for kind '{kind.Name}' (known: {string.Join(", ", kind.Verbs)})";
            return null;
        }

        var pattern = TargetSyntax.ParsePattern(text[(second + 1)..], kind, out why);
        return pattern is null ? null : new Capability(kind, kind.Verbs.First(v => text.AsSpan(first + 1, second - first - 1).SequenceEqual(v)), pattern);
    }

    /// <summary>
    /// Whether every concrete target <paramref name="other"/> can match, this one matches too: same
    /// kind and verb (verbs never imply one another) and glob language inclusion, decided exactly.
    /// </summary>
    public bool Covers(Capability other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(_kind, other._kind) &&
            string.Equals(Verb, other.Verb, StringComparison.Ordinal) &&
            GlobInclusion.Covers(Pattern, other.Pattern);
    }

    /// <summary>Whether this capability allows <paramref name="target"/>, a concrete target of its kind (no wildcards, no decoding).</summary>
    public bool Matches(string? target)
    {
        var concrete = TargetSyntax.ParseConcrete(target, _kind, out _);
        return concrete is not null && Pattern.IsMatch(concrete.Literal);
    }

    /// <summary>Whether this capability allows <paramref name="verb"/> on <paramref name="target"/> of <paramref name="kind"/>.</summary>
    public bool Allows(string kind, string verb, string? target) =>
        string.Equals(kind, Kind, StringComparison.Ordinal) && string.Equals(verb, Verb, StringComparison.Ordinal) && Matches(target);

    public bool Equals(Capability? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Capability);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text;

    internal static string Shorten(string? text) =>
        text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;
}
