using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

public sealed partial class SecretRedactorTests
{
    private readonly SecretRedactor _redactor = new(RandomNumberGenerator.GetBytes(SecretRedactor.KeySize));

    public static TheoryData<string> TokenFormats => new(Canaries.Tokens().Select(t => t.Format));

    public static TheoryData<string> ContextFormats => new(Canaries.InContext().Select(t => t.Format));

    [Theory]
    [MemberData(nameof(TokenFormats))]
    public void TokenCanary_NeverSurvives_AloneOrEmbedded(string format)
    {
        var secret = Canaries.Tokens().Single(t => t.Format == format).Secret;
        string[] texts =
        [
            secret,
            $"export TOKEN_VALUE={secret}",
            $"run: curl -H \"X-Thing: {secret}\" https://example.com",
            $"line one\n{secret}\nline three",
            $"({secret})",
            $"\"{secret}\",",
        ];
        foreach (var text in texts)
        {
            var redacted = _redactor.RedactString(text);
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
            Assert.Matches(RedactionToken(), redacted);
        }

        Assert.Equal(_redactor.Hmac(secret), _redactor.RedactString(secret));
    }

    [Theory]
    [MemberData(nameof(ContextFormats))]
    public void ContextCanary_NeverSurvives_AndItsContextIsKept(string format)
    {
        var (_, text, secret) = Canaries.InContext().Single(t => t.Format == format);
        var redacted = _redactor.RedactString(text);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Equal(text.Replace(secret, _redactor.Hmac(secret), StringComparison.Ordinal), redacted);
    }

    [Fact]
    public void EveryCanary_InEveryRecordField_IsAbsentFromTheCanonicalBytes()
    {
        var secrets = Canaries.Tokens().Select(t => t.Secret).Concat(Canaries.InContext().Select(t => t.Secret)).ToList();
        var texts = Canaries.Tokens().Select(t => t.Secret).Concat(Canaries.InContext().Select(t => t.Text)).ToList();
        var hasher = new AuditLeafHasher(_redactor);
        foreach (var text in texts)
        {
            var record = new JsonObject
            {
                ["seq"] = 1,
                ["kind"] = "decision",
                ["actor"] = new JsonObject { ["spiffe_id"] = "spiffe://acme.dev/agent/claude-code/api", ["model"] = text },
                ["action"] = new JsonObject { ["tool"] = "Bash", ["summary"] = text, ["argv"] = new JsonArray("sh", "-c", text) },
                ["resource"] = new JsonObject { [text] = "as a member name" },
                ["outcome"] = text,
            };
            Assert.True(hasher.TryCreateLeaf(record, out var leaf, out var error), error);
            var stored = Encoding.UTF8.GetString(leaf.CanonicalBytes.Span);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
            }

            Assert.Equal(leaf.LeafHash.ToArray(), MerkleTree.HashLeaf(leaf.CanonicalBytes.Span));
            Assert.Equal(text, record["outcome"]!.GetValue<string>()); // the input is not modified
        }
    }

    [Theory]
    [InlineData("secret:read:prod/stripe/key")]
    [InlineData("Issuing secret:read:db/password is denied by policy")]
    public void MandateCapabilities_NamingASecret_StayReadable(string text) =>
        Assert.Equal(text, _redactor.RedactString(text));

    [Fact]
    public void KeyValueSecrets_AreStillRedacted_NextToTheCapabilityException()
    {
        var value = Canaries.Random("abcdefghijklmnopqrstuvwxyz0123456789", 20);
        Assert.DoesNotContain(value, _redactor.RedactString($"secret:{value}"), StringComparison.Ordinal);
        Assert.DoesNotContain(value, _redactor.RedactString($"secret: {value}"), StringComparison.Ordinal);
        Assert.DoesNotContain(value, _redactor.RedactString($"password=read{value}"), StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteredSecret_IsRedactedWherever_ItAppears()
    {
        var secret = Canaries.Random("abcdefghijklmnopqrstuvwxyz", 12); // no recognisable format
        var redactor = new SecretRedactor(RandomNumberGenerator.GetBytes(32), [secret]);
        var text = $"psql -c 'select 1' # pw {secret}{secret} and again:{secret}.";
        var redacted = redactor.RedactString(text);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Equal(3, RedactionToken().Matches(redacted).Count);
        Assert.Equal(text, _redactor.RedactString(text)); // unknown to a redactor it was not registered with
        Assert.Throws<ArgumentException>(() => redactor.RegisterSecret("short"));
    }

    [Fact]
    public void SecretFieldsByName_AreRedactedWhole()
    {
        var value = Canaries.Random("abcdefghij", 10);
        var record = new JsonObject
        {
            ["password"] = value,
            ["db"] = new JsonObject { ["DB_PASSWORD"] = value, ["githubToken"] = value, ["api-key"] = value, ["pin_secret"] = 1234 },
            ["client_secret"] = value,
            ["token_id"] = "tok-1",
            ["max_tokens"] = 4096,
            ["secret_name"] = "prod/db",
            ["credential"] = new JsonObject { ["lease_id"] = "lease-7", ["kind"] = "postgres" },
        };
        var redacted = _redactor.Redact(record)!.AsObject();
        var text = redacted.ToJsonString();
        Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", text, StringComparison.Ordinal);
        Assert.Equal(_redactor.Hmac(value), redacted["password"]!.GetValue<string>());
        Assert.Equal("tok-1", redacted["token_id"]!.GetValue<string>());
        Assert.Equal(4096, redacted["max_tokens"]!.GetValue<int>());
        Assert.Equal("prod/db", redacted["secret_name"]!.GetValue<string>());
        Assert.Equal("lease-7", redacted["credential"]!["lease_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("githubToken", true)]
    [InlineData("api-key", true)]
    [InlineData("aws_secret_access_key", true)]
    [InlineData("Authorization", true)]
    [InlineData("token_id", false)]
    [InlineData("max_tokens", false)]
    [InlineData("session_id", false)]
    [InlineData("secret_name", false)]
    [InlineData("author", false)]
    [InlineData("a_very_long_prefix_that_goes_on_and_on_and_on_for_more_than_sixty_four_characters_then_password", true)]
    public void SecretFieldName_IsRecognised(string name, bool expected) =>
        Assert.Equal(expected, SecretRedactor.IsSecretFieldName(name));

    [Fact]
    public void SameSecret_SameKey_SameHmac_OtherKey_OtherHmac()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var secret = Canaries.Tokens()[2].Secret;
        var a = new SecretRedactor(key).RedactString($"x {secret} y");
        var b = new SecretRedactor(key).RedactString($"x {secret} y");
        var c = new SecretRedactor(RandomNumberGenerator.GetBytes(32)).RedactString($"x {secret} y");
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal($"x {Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret)))} y", a.Replace("hmac-sha256:", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Redaction_IsIdempotent()
    {
        var text = string.Join(" | ", Canaries.InContext().Select(t => t.Text).Concat(Canaries.Tokens().Select(t => t.Secret)));
        var once = _redactor.RedactString(text);
        Assert.Equal(once, _redactor.RedactString(once));
        var record = new JsonObject { ["password"] = "hunter2-but-longer", ["text"] = text };
        var redacted = _redactor.Redact(record);
        Assert.Equal(redacted!.ToJsonString(), _redactor.Redact(redacted)!.ToJsonString());
    }

    [Theory]
    [InlineData("dotnet build -c Release src/Mandate.Cli")]
    [InlineData("git commit -m 'fix: token refresh in auth module'")]
    [InlineData("3f2c1e9a7b5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b")]
    [InlineData("/home/jane/src/api/Controllers/PasswordResetController.cs")]
    [InlineData("spiffe://acme.dev/agent/claude-code/api/session/01HZX3K9")]
    [InlineData("fs:read:/src/api/** exec:run:dotnet net:connect:api.nuget.org:443")]
    [InlineData("PWD=/home/jane/src/api")]
    [InlineData("max_tokens: 4096, input_tokens=12")]
    [InlineData("8f1bd4b8-1b2c-4d3e-9f00-0123456789ab")]
    [InlineData("https://github.com/acme/api/pull/42")]
    [InlineData("task-list-component-renderer-for-dashboard-widgets")]
    [InlineData("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("npm install && npm test")]
    [InlineData("The password reset flow sends a token by email.")]
    [InlineData("")]
    public void OrdinaryText_PassesUnchanged(string text) => Assert.Same(text, _redactor.RedactString(text));

    [Fact]
    public void OrdinaryRecord_KeepsItsCanonicalBytes()
    {
        var record = JsonNode.Parse("""
            {"seq":7,"kind":"decision","actor":{"spiffe_id":"spiffe://acme.dev/agent/claude-code/api","model":"claude"},
             "action":{"tool":"Bash","argv":["dotnet","test"]},"decision":{"effect":"allow","policies":["p1"]},"ok":true,"n":null}
            """);
        Assert.Equal(JsonCanonicalizer.Canonicalize(record), JsonCanonicalizer.Canonicalize(_redactor.Redact(record)));
    }

    [Theory]
    [InlineData("eyJ")]
    [InlineData("ghp_")]
    [InlineData("sk-")]
    [InlineData("a")]
    [InlineData("password")]
    [InlineData("x://")]
    [InlineData("https://a:")]
    [InlineData("token=")]
    [InlineData("AKIA")]
    [InlineData("-----BEGIN ")]
    [InlineData("glpat-")]
    public void PathologicalRepetition_IsScannedWithoutFallingBackToWholeStringRedaction(string unit)
    {
        // 200,000+ characters built to make a backtracking matcher rescan: each must finish well inside
        // the regex timeout (otherwise the whole string would come back as a single HMAC token).
        var text = string.Concat(Enumerable.Repeat(unit, 200_000 / unit.Length)) + "!";
        var redacted = _redactor.RedactString(text);
        Assert.False(SecretRedactor.IsRedacted(redacted));
    }

    [Fact]
    public void Constructor_RequiresA32ByteKey() =>
        Assert.Throws<ArgumentException>(() => new SecretRedactor(new byte[16]));

    [GeneratedRegex("hmac-sha256:[0-9a-f]{64}")]
    private static partial Regex RedactionToken();
}
