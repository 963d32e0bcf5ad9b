using System.Text;
using Mandate.Core.Errors;

namespace Mandate.Credentials.Aws;

/// <summary>
/// Writes a <c>credential_process</c> profile into the AWS shared config file (<c>~/.aws/config</c>), keeping every
/// other profile, setting, comment and line as it was. A profile that already has another credential source is
/// left alone: the AWS SDKs would prefer its keys to Mandate's, silently.
/// </summary>
public static class AwsConfigFile
{
    /// <summary>Keys that give a profile credentials of its own, which every SDK tries before credential_process.</summary>
    private static readonly string[] CredentialKeys =
    [
        "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "role_arn", "source_profile", "credential_source",
        "web_identity_token_file", "sso_session", "sso_start_url", "sso_account_id", "sso_role_name", "login_session",
    ];

    public sealed record Result(string Path, bool Changed, string Command);

    /// <summary>The credential_process command line for <paramref name="binary"/>: quoted when the path has a space; without --provider when none is named.</summary>
    public static Outcome<string> Command(string binary, string? provider, string role)
    {
        if (!System.IO.Path.IsPathFullyQualified(binary) || binary.Any(c => c is '"' or '\'' or '\n' or '\r' or '\\'))
        {
            return new MandateError(ErrorCodes.AwsConfigFileInvalid, $"The Mandate binary path '{binary}' cannot go into a credential_process line.", "Run mandate from an absolute path without quotes or backslashes.");
        }

        if (provider is not null && (provider.Length == 0 || !provider.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return new MandateError(ErrorCodes.AwsRequestInvalid, $"'{provider}' is not a provider name.", "Use letters, digits, '-', '_' and '.'.");
        }

        if (!AwsRoleArn.IsValid(role))
        {
            return new MandateError(ErrorCodes.AwsRequestInvalid, "--role is not an IAM role ARN.", "Pass --role arn:aws:iam::<account>:role/<name>.");
        }

        var program = binary.Contains(' ', StringComparison.Ordinal) ? "\"" + binary + "\"" : binary;
        return provider is null ? $"{program} credential aws --role {role}" : $"{program} credential aws --provider {provider} --role {role}";
    }

    /// <summary>Adds or updates <c>[profile name]</c> with <paramref name="command"/> as its credential_process.</summary>
    public static Outcome<Result> Install(string configPath, string credentialsPath, string profile, string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (profile.Length == 0 || profile.Any(c => char.IsWhiteSpace(c) || c is '[' or ']' or '#' or ';'))
        {
            return new MandateError(ErrorCodes.AwsRequestInvalid, $"'{profile}' is not a profile name.", "Use a name without spaces or brackets, e.g. --profile mandate.");
        }

        try
        {
            if (File.Exists(credentialsPath) && Section(ReadLines(credentialsPath, out _), [profile]) is { } own && Keys(own.Lines).Intersect(CredentialKeys).Any())
            {
                return Conflict(profile, credentialsPath);
            }

            var newline = "\n";
            var lines = File.Exists(configPath) ? ReadLines(configPath, out newline) : [];
            var header = profile == "default" ? "default" : "profile " + profile;
            var entry = "credential_process = " + command;
            var section = Section(lines, profile == "default" ? ["default", "profile default"] : ["profile " + profile]);
            bool changed;
            if (section is null)
            {
                while (lines.Count > 0 && lines[^1].Trim().Length == 0)
                {
                    lines.RemoveAt(lines.Count - 1);
                }

                if (lines.Count > 0)
                {
                    lines.Add("");
                }

                lines.Add("[" + header + "]");
                lines.Add(entry);
                changed = true;
            }
            else
            {
                var s = section.Value;
                if (Keys(s.Lines).Intersect(CredentialKeys).FirstOrDefault() is { } conflict)
                {
                    return Conflict(profile, configPath + " (" + conflict + ")");
                }

                var at = s.Lines.FindIndex(l => Key(l) == "credential_process");
                if (at >= 0)
                {
                    changed = lines[s.Start + at] != entry;
                    lines[s.Start + at] = entry;
                    // A value continued on indented lines belongs to the old entry.
                    while (s.Start + at + 1 < s.End && lines[s.Start + at + 1].Length > 0 && char.IsWhiteSpace(lines[s.Start + at + 1][0]))
                    {
                        lines.RemoveAt(s.Start + at + 1);
                        s = s with { End = s.End - 1 };
                        changed = true;
                    }
                }
                else
                {
                    var last = s.End - 1;
                    while (last >= s.Start && lines[last].Trim().Length == 0)
                    {
                        last--;
                    }

                    lines.Insert(last + 1, entry);
                    changed = true;
                }
            }

            if (changed)
            {
                Write(configPath, string.Join(newline, lines) + newline);
            }

            return new Result(configPath, changed, command);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MandateError(ErrorCodes.AwsConfigFileInvalid, $"Cannot update {configPath}: {e.GetType().Name}.", "Check that the file and its folder are writable by you.");
        }
    }

    private static MandateError Conflict(string profile, string where) => new(
        ErrorCodes.AwsConfigFileInvalid,
        $"Profile '{profile}' already has credentials of its own in {where}; the AWS SDKs would use them before Mandate's.",
        "Pick another --profile name (e.g. mandate), or remove those keys from the profile yourself.");

    private static List<string> ReadLines(string path, out string newline)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private readonly record struct Span(int Start, int End, List<string> Lines);

    /// <summary>The lines after the header of the first section named one of <paramref name="names"/>, up to the next header.</summary>
    private static Span? Section(List<string> lines, string[] names)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (Header(lines[i]) is { } name && names.Contains(name, StringComparer.Ordinal))
            {
                var end = i + 1;
                while (end < lines.Count && Header(lines[end]) is null)
                {
                    end++;
                }

                return new Span(i + 1, end, lines.GetRange(i + 1, end - i - 1));
            }
        }

        return null;
    }

    private static string? Header(string line)
    {
        var t = line.Trim();
        if (t.Length < 2 || t[0] != '[')
        {
            return null;
        }

        var close = t.IndexOf(']', StringComparison.Ordinal);
        return close < 0 ? null : string.Join(' ', t[1..close].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<string> Keys(List<string> lines) => lines.Select(Key).OfType<string>();

    /// <summary>The key of a top-level <c>key = value</c> line; null for comments, blanks and indented continuation lines.</summary>
    private static string? Key(string line)
    {
        if (line.Length == 0 || char.IsWhiteSpace(line[0]) || line[0] is '#' or ';')
        {
            return null;
        }

        var eq = line.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0 ? null : line[..eq].Trim().ToLowerInvariant();
    }

    private static void Write(string path, string text)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            // The file keeps its mode; a new one is the owner's only, as the AWS CLI makes it.
            options.UnixCreateMode = File.Exists(path) ? File.GetUnixFileMode(path) : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        else
        {
            Directory.CreateDirectory(directory);
        }

        var temp = path + ".mandate-tmp";
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
