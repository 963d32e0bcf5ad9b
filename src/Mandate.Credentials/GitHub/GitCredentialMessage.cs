using Mandate.Core.Errors;

namespace Mandate.Credentials.GitHub;

/// <summary>
/// One message of git's credential-helper protocol (git-credential(1), "INPUT/OUTPUT FORMAT"): <c>key=value</c>
/// lines up to a blank line or the end of input. Keys ending in <c>[]</c> (<c>wwwauth[]</c>, <c>capability[]</c>)
/// are lists, and an empty value clears the list so far; other keys keep their last value. Unknown keys are kept,
/// in order, so a message can be passed on unchanged. A value may hold '=' but never a newline or NUL.
/// </summary>
public sealed class GitCredentialMessage
{
    /// <summary>Far more than any real message (git's are a few hundred bytes); a larger input is refused.</summary>
    public const int MaxLength = 64 * 1024;

    private readonly List<KeyValuePair<string, string>> _entries;

    public GitCredentialMessage(IEnumerable<KeyValuePair<string, string>>? entries = null) => _entries = [.. entries ?? []];

    /// <summary>Every line read (or to write), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>The last value of a single-valued key; null when absent.</summary>
    public string? this[string key] => _entries.LastOrDefault(e => e.Key == key) is { Key: not null } e ? e.Value : null;

    public string? Protocol => this["protocol"];

    public string? Host => this["host"];

    public string? Path => this["path"];

    public string? Username => this["username"];

    public string? Password => this["password"];

    /// <summary>The values of a list key (name it with its <c>[]</c>), after the last empty value, which resets it.</summary>
    public IReadOnlyList<string> All(string key)
    {
        var values = new List<string>();
        foreach (var (k, v) in _entries)
        {
            if (k != key)
            {
                continue;
            }

            if (v.Length == 0)
            {
                values.Clear();
            }
            else
            {
                values.Add(v);
            }
        }

        return values;
    }

    public GitCredentialMessage Add(string key, string value)
    {
        _entries.Add(KeyValuePair.Create(key, value));
        return this;
    }

    /// <summary>Reads one message; a line without '=', a key that is empty, or a NUL anywhere is refused, as git does.</summary>
    public static Outcome<GitCredentialMessage> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<KeyValuePair<string, string>>();
        var total = 0;
        while (reader.ReadLine() is { } line)
        {
            total += line.Length + 1;
            if (total > MaxLength)
            {
                return Invalid($"the input is longer than {MaxLength} bytes");
            }

            if (line.Length == 0)
            {
                break;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return Invalid(eq == 0 ? "a line has an empty key" : "a line is not key=value");
            }

            if (line.Contains('\0', StringComparison.Ordinal))
            {
                return Invalid("a line holds a NUL character");
            }

            entries.Add(KeyValuePair.Create(line[..eq], line[(eq + 1)..]));
        }

        return new GitCredentialMessage(entries);
    }

    /// <summary>Writes the entries as <c>key=value</c> lines (no terminating blank line: git reads to the end of output).</summary>
    public Outcome<bool> Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var (key, value) in _entries)
        {
            if (key.Length == 0 || key.AsSpan().IndexOfAny("=\n\r\0") >= 0 || value.AsSpan().IndexOfAny("\n\r\0") >= 0)
            {
                return Invalid($"the value of '{(key.AsSpan().IndexOfAny("\n\r\0") >= 0 ? "?" : key)}' cannot be written on one line");
            }
        }

        foreach (var (key, value) in _entries)
        {
            writer.Write(key);
            writer.Write('=');
            writer.Write(value);
            writer.Write('\n');
        }

        return true;
    }

    /// <summary>The <c>owner/name</c> a request's path names (<c>acme/api.git</c>, <c>acme/api</c>); null when it names no single repository.</summary>
    public static string? RepositoryOf(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var p = path.Trim('/');
        if (p.EndsWith(".git", StringComparison.Ordinal))
        {
            p = p[..^4];
        }

        return GitHubProvider.IsRepository(p) ? p : null;
    }

    private static MandateError Invalid(string why) => new(
        ErrorCodes.GitCredentialInputInvalid,
        $"The git credential request is not valid: {why}.",
        "mandate credential git is meant to be run by git (credential.helper), which sends key=value lines.");
}
