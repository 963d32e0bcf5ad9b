using System.Security.Cryptography;
using System.Text;

namespace Mandate.Core.Tests.Audit;

/// <summary>
/// Canary secrets in every detected format, built at test time from a public prefix and
/// <see cref="RandomNumberGenerator"/> characters: no real-looking token is ever committed.
/// </summary>
internal static class Canaries
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + "abcdefghijklmnopqrstuvwxyz" + Digits;
    private const string UrlSafe = Alnum + "_-";

    /// <summary>(format name, the secret as it appears in text).</summary>
    public static IReadOnlyList<(string Format, string Secret)> Tokens() =>
    [
        ("aws-access-key-id", "AKIA" + Random(Upper + Digits, 16)),
        ("aws-session-key-id", "ASIA" + Random(Upper + Digits, 16)),
        ("github-classic", "ghp_" + Random(Alnum, 36)),
        ("github-oauth", "gho_" + Random(Alnum, 36)),
        ("github-user-to-server", "ghu_" + Random(Alnum, 36)),
        ("github-server-to-server", "ghs_" + Random(Alnum, 36)),
        ("github-refresh", "ghr_" + Random(Alnum, 36)),
        ("github-fine-grained", "github_pat_" + Random(Alnum, 22) + "_" + Random(Alnum, 59)),
        ("gitlab", "glpat-" + Random(UrlSafe, 20)),
        ("slack-bot", "xoxb-" + Random(Digits, 12) + "-" + Random(Digits, 13) + "-" + Random(Alnum, 24)),
        ("slack-user", "xoxp-" + Random(Digits, 12) + "-" + Random(Digits, 12) + "-" + Random(Alnum, 32)),
        ("stripe-secret", "sk_live_" + Random(Alnum, 24)),
        ("stripe-restricted", "rk_live_" + Random(Alnum, 24)),
        ("openai-legacy", "sk-" + Random(Alnum, 48)),
        ("openai-project", "sk-proj-" + Random(UrlSafe, 120)),
        ("anthropic", "sk-ant-api03-" + Random(UrlSafe, 93) + "AA"),
        ("google-api-key", "AIza" + Random(UrlSafe, 35)),
        ("npm", "npm_" + Random(Alnum, 36)),
        ("hugging-face", "hf_" + Random(Alnum, 34)),
        ("sendgrid", "SG." + Random(UrlSafe, 22) + "." + Random(UrlSafe, 43)),
        ("jwt", Jwt()),
        ("pem-pkcs8", Pem("PRIVATE KEY")),
        ("pem-rsa", Pem("RSA PRIVATE KEY")),
        ("pem-openssh", Pem("OPENSSH PRIVATE KEY")),
        ("pem-ec", Pem("EC PRIVATE KEY")),
    ];

    /// <summary>(format name, text containing the secret, the secret alone): secrets recognised by context.</summary>
    public static IReadOnlyList<(string Format, string Text, string Secret)> InContext()
    {
        var list = new List<(string, string, string)>();
        void Add(string format, string before, string secret, string after = "") => list.Add((format, before + secret + after, secret));

        Add("aws-secret-env", "AWS_SECRET_ACCESS_KEY=", Random(Alnum + "/+", 40));
        Add("aws-secret-ini", "aws_secret_access_key = ", Random(Alnum + "/+", 40), "\nregion = eu-west-1");
        Add("url-userinfo", "postgres://app:", Random(Alnum, 20), "@db.internal:5432/app");
        Add("url-userinfo-https", "git clone https://jane:", Random(Alnum, 24), "@github.com/acme/api.git");
        Add("password-assignment", "mysql --host db password=", Random(Alnum, 16), " --verbose");
        Add("password-yaml", "database:\n  password: ", Random(Alnum, 16), "\n  user: app");
        Add("password-quoted", "DB_PASSWORD='", Random(Alnum + " ", 18).Trim() + "x", "'");
        Add("secret-assignment", "export CLIENT_SECRET=", Random(Alnum, 30));
        Add("token-query", "curl https://api.example.com/v1?token=", Random(Alnum, 32), "&page=2");
        Add("api-key-colon", "api_key: ", Random(Alnum, 32));
        Add("apikey-header", "X-Api-Key=", Random(Alnum, 32));
        Add("json-in-output", "{\"password\": \"", Random(Alnum, 20), "\", \"user\": \"app\"}");
        Add("cli-flag", "vault login --token ", Random(Alnum, 26), " -address=https://vault");
        Add("azure-storage", "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=", Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), ";EndpointSuffix=core.windows.net");
        Add("sql-connection-string", "Server=db;User Id=app;Password=", Random(Alnum, 16), ";Encrypt=true");
        Add("authorization-header", "Authorization: Bearer ", Random(Alnum, 40));
        Add("authorization-basic", "curl -H 'Authorization: Basic ", Convert.ToBase64String(Encoding.ASCII.GetBytes("jane:" + Random(Alnum, 12))), "' https://x");
        return list;
    }

    public static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);

    private static string Jwt()
    {
        static string B64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64Url("{\"alg\":\"ES256\",\"typ\":\"mandate+jwt\"}") + "." + B64Url("{\"sub\":\"" + Random(Alnum, 20) + "\"}") + "." + Random(UrlSafe, 86);
    }

    private static string Pem(string label)
    {
        var body = string.Join('\n', Enumerable.Range(0, 4).Select(_ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))));
        return $"-----BEGIN {label}-----\n{body}\n-----END {label}-----";
    }
}
