using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Mandate.Credentials.GitHub;

/// <summary>
/// The app's JSON Web Token (GitHub: "Generating a JSON Web Token for a GitHub App"): RS256, <c>iat</c> 60 s in the
/// past against clock drift, <c>exp</c> 9 minutes ahead (GitHub refuses more than 10 minutes), <c>iss</c> the app.
/// </summary>
public static class GitHubAppJwt
{
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(RSA key, string issuer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = Encode(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" }.ToJsonString());
        var payload = Encode(new JsonObject
        {
            ["iat"] = (now - Backdate).ToUnixTimeSeconds(),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
            ["iss"] = issuer,
        }.ToJsonString());
        var signingInput = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
