using System.Buffers;
using System.Text.RegularExpressions;

namespace Mandate.Core.Audit.Internal;

/// <summary>
/// Detectors for common credential formats. Each marks the secret part with the group <c>secret</c>.
/// Every pattern is source-generated C#: nothing is parsed or built at run time, which matters
/// because the hook is a fresh Native AOT process per tool call (the NonBacktracking engine cost
/// tens of ms to construct there). Matching stays linear in the input without NonBacktracking:
/// a match may only start where a token starts (a negative lookbehind), runs of one class are
/// atomic, separators are bounded, and a pattern that still overruns its timeout makes the whole
/// string redacted (fail closed).
/// </summary>
internal static partial class SecretPatterns
{
    public const string SecretGroup = "secret";

    // Fixed-format tokens: a literal prefix then one character class, so backtracking is bounded by
    // the token's length.
    private const RegexOptions TokenOptions = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // Context patterns (key=value, URLs, PEM blocks): the same engine, written so it cannot rescan.
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>A bound no realistic input reaches; if one does, the whole string is redacted (fail closed).</summary>
    public const int TimeoutMilliseconds = 2000;

    private static readonly string[] SecretNouns =
    [
        "password", "passwd", "passphrase", "secret", "token", "apikey", "api_key", "api-key",
        "accesskey", "access_key", "access-key", "privatekey", "private_key", "private-key", "credential",
        "accountkey", "account_key", "sharedaccesskey",
    ];

    public static IReadOnlyList<SecretDetector> All { get; } =
    [
        new(["AKIA", "ASIA"], AwsAccessKeyId),
        new(["secret"], AwsSecretAccessKey),
        new(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], GitHubToken),
        new(["github_pat_"], GitHubFineGrainedToken),
        new(["glpat-"], GitLabToken),
        new(["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"], SlackToken),
        new(["_live_", "_test_"], StripeKey),
        new(["sk-ant-"], AnthropicKey),
        new(["sk-"], OpenAiKey),
        new(["AIza"], GoogleApiKey),
        new(["npm_"], NpmToken),
        new(["hf_"], HuggingFaceToken),
        new(["SG."], SendGridKey),
        new(["eyJ"], Jwt),
        new(["PRIVATE KEY"], PemPrivateKey),
        new(["://"], UrlPassword),
        new(SecretNouns, KeyValue),
        new(SecretNouns, CommandLineFlag),
        new(["authorization"], AuthorizationHeader),
        new(["bearer"], BearerToken),
    ];

    /// <summary>Every trigger of every detector: a string with none of them holds no detectable secret.</summary>
    public static SearchValues<string> AnyTrigger { get; } =
        SearchValues.Create(All.SelectMany(d => d.TriggerWords).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})\b", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)[""']?[ \t]{0,16}[:=][ \t]{0,16}[""']?(?<secret>[A-Za-z0-9/+=]{40})", Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex(@"\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,})\b", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\b(?<secret>github_pat_[A-Za-z0-9_]{22,})", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex GitHubFineGrainedToken();

    [GeneratedRegex(@"\b(?<secret>glpat-[A-Za-z0-9_.\-]{20,})", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"\b(?<secret>xox[baprs]-[A-Za-z0-9\-]{10,})", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b(?<secret>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"\b(?<secret>sk-ant-[A-Za-z0-9_\-]{20,})", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\b(?<secret>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,})", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\b(?<secret>AIza[0-9A-Za-z_\-]{35})", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"\b(?<secret>npm_[A-Za-z0-9]{36})\b", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"\b(?<secret>hf_[A-Za-z0-9]{30,})\b", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex HuggingFaceToken();

    [GeneratedRegex(@"\b(?<secret>SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,})", TokenOptions, TimeoutMilliseconds)]
    private static partial Regex SendGridKey();

    // Three runs of one class separated by dots: backtracking could rescan "eyJeyJ..." quadratically.
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])(?<secret>eyJ(?>[A-Za-z0-9_\-]{2,})\.eyJ(?>[A-Za-z0-9_\-]{2,})\.(?>[A-Za-z0-9_\-]*))", Options, TimeoutMilliseconds)]
    private static partial Regex Jwt();

    // A block cut off before its END line (truncated output) is redacted to the end of the string.
    [GeneratedRegex(@"(?<secret>-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|[\s\S]*))", Options, TimeoutMilliseconds)]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{0,31}://(?>[^/\s:@]*):(?<secret>(?>[^/\s@]+))@", Options, TimeoutMilliseconds)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?:password|passwd|passphrase|secret|token|api[_\-]?key|access[_\-]?key|private[_\-]?key|credentials?|account[_\-]?key|sharedaccesskey)[""']?[ \t]{0,16}[:=](?!read:)[ \t]{0,16}(?:""(?<secret>(?>[^""\r\n]+))""|'(?<secret>(?>[^'\r\n]+))'|(?<secret>[^\s""'&;,<>]+))", Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    // (?!read:) keeps Mandate's own capabilities (secret:read:prod/db/password names a secret, it is not one) readable.
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(?:^|\s)--?(?:password|passwd|passphrase|token|secret|api-key|apikey|access-token|auth-token)[ \t]{1,16}[""']?(?<secret>[^\s""'\-][^\s""']*)", Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex CommandLineFlag();

    [GeneratedRegex(@"authorization[""']?[ \t]{0,16}[:=][ \t]{0,16}[""']?(?:(?:bearer|basic|token|digest)[ \t]{1,16})?(?<secret>[^\s""']+)", Options | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\bBearer[ \t]{1,16}(?<secret>[A-Za-z0-9._~+/\-]{16,}=*)", Options, TimeoutMilliseconds)]
    private static partial Regex BearerToken();
}
