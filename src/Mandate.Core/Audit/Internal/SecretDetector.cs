using System.Buffers;
using System.Text.RegularExpressions;

namespace Mandate.Core.Audit.Internal;

/// <summary>
/// One secret format: cheap literal triggers (any of them must occur, case-insensitively) and the
/// pattern that confirms it. The pattern is built on first use, so a process that never sees a
/// trigger never pays for it.
/// </summary>
internal sealed class SecretDetector(string[] triggers, Func<Regex> pattern)
{
    public string[] TriggerWords { get; } = triggers;

    public SearchValues<string> Triggers { get; } = SearchValues.Create(triggers, StringComparison.OrdinalIgnoreCase);

    public Regex Pattern => pattern();

    public bool MayMatch(ReadOnlySpan<char> text) => text.IndexOfAny(Triggers) >= 0;
}
