using System.Diagnostics;
using System.Text;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Tests.Leases;

namespace Mandate.Credentials.Tests.GitHub;

/// <summary>
/// The one real-time expiry of a GitHub lease (issue 7; the fake clock covers the rest): a lease of about two seconds
/// issued through the lease service with the real SQLite store, its token used with git against the fake GitHub's real
/// <c>git http-backend</c>, then, once the lease has expired, <c>Sweep</c> revokes the token at GitHub
/// (<c>DELETE /installation/token</c>) long before GitHub's own hour would end it.
/// </summary>
public sealed class GitHubLeaseExpiryTests
{
    [Fact]
    public void RealTimeExpiry_SweepRevokesTheTokenAtGitHub_AndAuditsTheExpiry()
    {
        var time = TimeProvider.System;
        using var app = new GitHubApp(time);
        app.Server.CreateRepository();
        using var f = new LeaseFixture();
        f.Time.SetUtcNow(time.GetUtcNow()); // the mandate is granted now, so that it is active on the real clock
        var mandate = f.Mandate($"repo:read:{app.Server.Host}/acme/api");
        var service = new LeaseService(f.Store, _ => app.Provider, time);

        var issued = service.Issue(app.Provider, GitHubApp.Request("read") with { Ttl = TimeSpan.FromSeconds(2) }, mandate, LeaseFixture.Agent, "s-1");

        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        var lease = issued.Value.Lease;
        var token = issued.Value.Secrets["token"];
        Assert.Equal(TimeSpan.FromSeconds(2), lease.Ttl);
        Assert.True(app.Server.IsLive(token));
        var atGitHub = Assert.Single(app.Server.Tokens);
        Assert.True(atGitHub.ExpiresAt > lease.ExpiresAt.AddMinutes(30), "GitHub's own expiry would end the token much later than the lease");
        var before = LsRemote(app.Server, token);
        Assert.True(before.ExitCode == 0, "git ls-remote with the leased token failed: " + before.Error);
        Assert.Contains("refs/heads/main", before.Output, StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        while (time.GetUtcNow() <= lease.ExpiresAt && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(100);
        }

        Assert.True(time.GetUtcNow() > lease.ExpiresAt, "the two-second lease had not expired after 10 s of waiting");
        var swept = service.Sweep("mandate:sweep");

        Assert.True(swept.IsSuccess, swept.Error?.ToString());
        Assert.Equal(lease.Id, Assert.Single(swept.Value).Id);
        var stored = f.Store.Leases.Find(lease.Id);
        Assert.NotNull(stored);
        Assert.NotNull(stored.RevokedAt);
        Assert.Equal("expired", stored.RevocationReason);
        var record = Assert.Single(f.Records("lease.expire"));
        Assert.Equal("revoked", (string?)record["outcome"]);
        Assert.Equal(lease.Id, (string?)record["credential"]?["lease_id"]);
        Assert.Equal("expired", (string?)record["details"]?["reason"]);

        // Revoked at GitHub: only DELETE /installation/token sets the flag; the token's own hour has not passed.
        Assert.True(atGitHub.Revoked);
        Assert.True(atGitHub.ExpiresAt > time.GetUtcNow());
        Assert.False(app.Server.IsLive(token));
        var after = LsRemote(app.Server, token);
        Assert.NotEqual(0, after.ExitCode);
        Assert.Contains(app.Server.Refusals, r => r.StartsWith("401 git fetch acme/api: token not live", StringComparison.Ordinal));

        // A second sweep finds nothing, and the token is nowhere in the audit log or git's output.
        Assert.Empty(service.Sweep("mandate:sweep").Value);
        Assert.DoesNotContain(token, string.Concat(f.Records().Select(r => r.ToJsonString())), StringComparison.Ordinal);
        Assert.DoesNotContain(token, before.Output + before.Error + after.Output + after.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>git ls-remote</c> of the fake's repository with the token as GitHub's Basic credentials; the header is passed
    /// through git's environment configuration, never on the command line, and git may not prompt.
    /// </summary>
    private static (int ExitCode, string Output, string Error) LsRemote(FakeGitHub server, string token)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("ls-remote");
        start.ArgumentList.Add(server.CloneUrl);
        var env = start.Environment;
        env["GIT_CONFIG_NOSYSTEM"] = "1";
        env["GIT_CONFIG_GLOBAL"] = "/dev/null";
        env["GIT_TERMINAL_PROMPT"] = "0";
        env["GIT_ASKPASS"] = "";
        env["SSH_ASKPASS"] = "";
        env["GIT_CONFIG_COUNT"] = "1";
        env["GIT_CONFIG_KEY_0"] = "http.extraHeader";
        env["GIT_CONFIG_VALUE_0"] = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start; install git.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("git ls-remote did not finish within 30 s");
        }

        return (process.ExitCode, output, error.Result);
    }
}
