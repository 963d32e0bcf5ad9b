using Mandate.Core.Errors;

namespace Mandate.Core.Mandates;

/// <summary>
/// What a mandate allows: space-separated capabilities (DESIGN.md §3). Duplicates are dropped;
/// the order of first appearance is kept. A scope covers another when each of the other's
/// capabilities is covered by one of its own (docs/scopes.md).
/// </summary>
public sealed class Scope : IEquatable<Scope>
{
    /// <summary>At most this many capabilities in one scope.</summary>
    public const int MaxCapabilities = 64;

    /// <summary>At most this many characters of scope text.</summary>
    public const int MaxLength = 8 * 1024;

    private readonly Capability[] _capabilities;
    private readonly string _text;
    private readonly int _hash;

    private Scope(Capability[] capabilities)
    {
        _capabilities = capabilities;
        _text = string.Join(' ', capabilities.Select(c => c.ToString()));
        _hash = StringComparer.Ordinal.GetHashCode(_text);
    }

    /// <summary>The scope with no capability: covers nothing but itself.</summary>
    public static Scope Empty { get; } = new([]);

    public IReadOnlyList<Capability> Capabilities => _capabilities;

    public bool IsEmpty => _capabilities.Length == 0;

    /// <summary>Parses a non-empty scope; every invalid capability is named in one error.</summary>
    public static Outcome<Scope> Parse(string? text) => Parse(text, allowEmpty: false);

    /// <summary>Parses a scope; with <paramref name="allowEmpty"/>, blank text is <see cref="Empty"/>.</summary>
    public static Outcome<Scope> Parse(string? text, bool allowEmpty)
    {
        if (text is not null && text.Length > MaxLength)
        {
            return Invalid($"The scope is longer than {MaxLength} characters.");
        }

        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return allowEmpty ? Empty : Invalid("The scope is empty: it must name at least one capability.");
        }

        if (parts.Length > MaxCapabilities)
        {
            return Invalid($"The scope has {parts.Length} capabilities; at most {MaxCapabilities} are allowed.");
        }

        var capabilities = new List<Capability>(parts.Length);
        var problems = new List<string>();
        foreach (var part in parts)
        {
            var capability = Capability.TryParse(part, out var why);
            if (capability is null)
            {
                problems.Add($"'{Capability.Shorten(part)}': {why}");
            }
            else if (!capabilities.Contains(capability))
            {
                capabilities.Add(capability);
            }
        }

        return problems.Count switch
        {
            0 => new Scope([.. capabilities]),
            1 => Invalid($"Capability {problems[0]}."),
            _ => Invalid($"{problems.Count} capabilities are invalid: {string.Join("; ", problems)}."),
        };
    }

    internal static Scope FromCapabilities(IEnumerable<Capability> capabilities) => new([.. capabilities.Distinct()]);

    /// <summary>Whether every capability of <paramref name="other"/> is covered by some capability of this scope.</summary>
    public bool Covers(Scope other) => Uncovered(other) is null;

    /// <summary>Whether one capability of this scope covers <paramref name="capability"/>.</summary>
    public bool Covers(Capability capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        foreach (var mine in _capabilities)
        {
            if (mine.Covers(capability))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first capability of <paramref name="other"/> this scope does not cover, or null when it covers them all.</summary>
    public Capability? Uncovered(Scope other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Equals(other))
        {
            return null;
        }

        foreach (var capability in other._capabilities)
        {
            if (!Covers(capability))
            {
                return capability;
            }
        }

        return null;
    }

    /// <summary>Whether some capability allows <paramref name="verb"/> on the concrete <paramref name="target"/> of <paramref name="kind"/>.</summary>
    public bool Allows(string kind, string verb, string? target)
    {
        foreach (var capability in _capabilities)
        {
            if (capability.Allows(kind, verb, target))
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(Scope? other) =>
        ReferenceEquals(this, other) || (other is not null && _hash == other._hash && string.Equals(_text, other._text, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as Scope);

    public override int GetHashCode() => _hash;

    /// <summary>The canonical text: capabilities in canonical form, separated by one space.</summary>
    public override string ToString() => _text;

    private static MandateError Invalid(string message) => new(
        ErrorCodes.ScopeInvalid,
        message,
        "Write space-separated kind:verb:target capabilities, e.g. \"fs:read:/src/** exec:run:git\"; see docs/scopes.md.");
}
