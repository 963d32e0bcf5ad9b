using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// Interoperability: Node's jose (tests/interop, pinned in package-lock.json) verifies every kind
/// of valid mandate's signature and header against the bundle JWKS from <c>TrustBundle.ToJwks</c>,
/// and refuses a tampered one and a JWT-SVID. Needs node on PATH and 'npm ci' in tests/interop.
/// </summary>
public sealed class JoseInteropTests : IDisposable
{
    private readonly AttackKit _kit = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("mandate-jose-").FullName;

    public void Dispose()
    {
        _kit.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Jose_VerifiesEveryKindOfValidMandate()
    {
        var fiveHops = FiveHopChain();
        foreach (var mandate in new[] { _kit.Root, _kit.Bound, _kit.WithAudience, _kit.Child, _kit.Grandchild, fiveHops })
        {
            var result = RunJose(mandate.Token);

            Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
            var header = result.GetProperty("header");
            Assert.Equal("ES256", header.GetProperty("alg").GetString());
            Assert.Equal("mandate+jwt", header.GetProperty("typ").GetString());
            Assert.Contains("\"typ\":\"mandate+jwt\"", System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(mandate.Token.Split('.')[0])), StringComparison.Ordinal);
            Assert.Equal(_kit.Key.Kid, header.GetProperty("kid").GetString());
            Assert.Equal(mandate.Claims.Jti, result.GetProperty("payload").GetProperty("jti").GetString());
            Assert.Equal(mandate.Claims.Chain.Count, result.GetProperty("payload").GetProperty("delegation_chain").GetArrayLength());
        }
    }

    [Fact]
    public void Jose_RefusesTamperedMandateAndJwtSvid()
    {
        var tampered = MandateAttacks.Find("payload altered after signing").Token(_kit);

        var altered = RunJose(tampered);
        var svid = RunJose(_kit.JwtSvid);

        Assert.False(altered.GetProperty("ok").GetBoolean());
        Assert.Equal("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", altered.GetProperty("code").GetString());
        Assert.False(svid.GetProperty("ok").GetBoolean());
        Assert.Equal("ERR_JWT_CLAIM_VALIDATION_FAILED", svid.GetProperty("code").GetString());
    }

    private IssuedMandate FiveHopChain()
    {
        var f = _kit.F;
        var current = f.Grant(MandateFixture.RootScope, maxDepth: 5);
        for (var i = 0; i < 5; i++)
        {
            current = f.Delegate(current, i % 2 == 0 ? MandateFixture.Tester : MandateFixture.Linter, "fs:read:/src/** agent:delegate:**");
        }

        Assert.True(f.Verifier().Verify(current.Token).IsValid);
        return current;
    }

    private JsonElement RunJose(string token)
    {
        var jwks = Path.Combine(_dir, "bundle.jwks.json");
        var tokenFile = Path.Combine(_dir, "mandate.jwt");
        File.WriteAllText(jwks, _kit.F.Bundle.ToJwks(TimeSpan.FromMinutes(5)));
        File.WriteAllText(tokenFile, token);
        var interop = InteropDirectory();
        Assert.True(Directory.Exists(Path.Combine(interop, "node_modules", "jose")), $"jose is not installed: run 'npm ci' in {interop}");

        var start = new ProcessStartInfo("node") { WorkingDirectory = interop, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "verify-mandate.mjs", jwks, tokenFile, _kit.Now.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node is not on PATH ({e.Message}); install Node.js 20 or later to run the jose interoperability tests.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {stderr}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
    }

    private static string InteropDirectory([CallerFilePath] string here = "")
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here) ?? "", "..", "..", "interop"));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); !File.Exists(Path.Combine(path, "verify-mandate.mjs")) && dir is not null; dir = dir.Parent)
        {
            path = Path.Combine(dir.FullName, "tests", "interop");
        }

        return path;
    }
}
