using System.Text.RegularExpressions;

namespace Mandate.Core.Audit.Internal;

/// <summary>
/// Detectors for common credential formats. Each marks the secret part with the group <c>secret</c>.
/// All run with <see cref="RegexOptions.NonBacktracking"/>, so matching is linear in the input
/// whatever an agent puts in a command line or tool output.
/// </summary>
internal static partial class SecretPatterns
{
    public const string SecretGroup = "secret";

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    public static IReadOnlyList<Regex> All { get; } =
    [
        AwsAccessKeyId(), AwsSecretAccessKey(), GitHubToken(), GitHubFineGrainedToken(), GitLabToken(),
        SlackToken(), StripeKey(), AnthropicKey(), OpenAiKey(), GoogleApiKey(), NpmToken(), Jwt(),
        PemPrivateKey(), UrlPassword(), KeyValue(), CommandLineFlag(), AuthorizationHeader(), BearerToken(),
    ];

    [GeneratedRegex(@"\b(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})\b", Options)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)[""']?[ \t]*[:=][ \t]*[""']?(?<secret>[A-Za-z0-9/+=]{40})", Options | RegexOptions.IgnoreCase)]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex(@"\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,255})\b", Options)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\b(?<secret>github_pat_[A-Za-z0-9_]{22,255})", Options)]
    private static partial Regex GitHubFineGrainedToken();

    [GeneratedRegex(@"\b(?<secret>glpat-[A-Za-z0-9_.\-]{20,255})", Options)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"\b(?<secret>xox[baprs]-[A-Za-z0-9\-]{10,255})", Options)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b(?<secret>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,255})", Options)]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"\b(?<secret>sk-ant-[A-Za-z0-9_\-]{20,255})", Options)]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\b(?<secret>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,255})", Options)]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\b(?<secret>AIza[0-9A-Za-z_\-]{35})", Options)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"\b(?<secret>npm_[A-Za-z0-9]{36})\b", Options)]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"(?<secret>eyJ[A-Za-z0-9_\-]{2,}\.eyJ[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*)", Options)]
    private static partial Regex Jwt();

    // A block cut off before its END line (truncated output) is redacted to the end of the string.
    [GeneratedRegex(@"(?<secret>-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*))", Options)]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*:(?<secret>[^/\s@]+)@", Options)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?:password|passwd|passphrase|secret|token|api[_\-]?key|access[_\-]?key|private[_\-]?key|credentials?)[""']?[ \t]*[:=][ \t]*(?:""(?<secret>[^""\r\n]+)""|'(?<secret>[^'\r\n]+)'|(?<secret>[^\s""'&;,<>]+))", Options | RegexOptions.IgnoreCase)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(?:^|\s)--?(?:password|passwd|passphrase|token|secret|api-key|apikey|access-token|auth-token)[ \t]+[""']?(?<secret>[^\s""'\-][^\s""']*)", Options | RegexOptions.IgnoreCase)]
    private static partial Regex CommandLineFlag();

    [GeneratedRegex(@"authorization[""']?[ \t]*[:=][ \t]*[""']?(?:(?:bearer|basic|token|digest)[ \t]+)?(?<secret>[^\s""']+)", Options | RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\bBearer[ \t]+(?<secret>[A-Za-z0-9._~+/\-]{16,}=*)", Options)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"^hmac-sha256:[0-9a-f]{64}$", Options)]
    public static partial Regex RedactedValue();
}
