using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mandate.Credentials.Tests.Ssh;

/// <summary>
/// A real sshd on a free loopback port, trusting one user CA and nothing else: no authorized_keys, no passwords,
/// no PAM, and no AuthorizedPrincipalsFile, so the login name must be one of the certificate's principals.
/// sshd needs root for privilege separation (CI runs as root); as another user it still runs, but can only
/// log that same user in.
/// </summary>
internal sealed class SshServer : IDisposable
{
    private readonly Process _process;

    private SshServer(string directory, int port, string logPath, Process process)
    {
        Directory = directory;
        Port = port;
        LogPath = logPath;
        _process = process;
    }

    public string Directory { get; }

    public int Port { get; }

    public string LogPath { get; }

    /// <summary>What sshd has logged so far (LogLevel VERBOSE: accepted certificate IDs, refusal reasons).</summary>
    public string Log
    {
        get
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
    }

    public static SshServer Start(string trustedCaLine, string? revokedKeysPath = null)
    {
        Assert.True(File.Exists(SshTools.Sshd), $"{SshTools.Sshd} is missing: install openssh-server.");
        var directory = System.IO.Directory.CreateTempSubdirectory("mandate-sshd-").FullName;
        var hostKey = SshTools.KeyGen(directory, "ed25519", "host_key");
        var caPath = Path.Combine(directory, "trusted_user_ca.pub");
        File.WriteAllText(caPath, trustedCaLine + "\n");
        var logPath = Path.Combine(directory, "sshd.log");
        File.WriteAllText(logPath, "");
        if (Environment.UserName == "root" || SshTools.CurrentUser == "root")
        {
            System.IO.Directory.CreateDirectory("/run/sshd");
        }

        var port = FreePort();
        var config = Path.Combine(directory, "sshd_config");
        var lines = new List<string>
        {
            $"Port {port.ToString(CultureInfo.InvariantCulture)}",
            "ListenAddress 127.0.0.1",
            $"HostKey {hostKey}",
            $"TrustedUserCAKeys {caPath}",
            "AuthorizedKeysFile none",
            "AuthorizedPrincipalsFile none",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "PermitRootLogin prohibit-password",
            $"PidFile {Path.Combine(directory, "sshd.pid")}",
            "StrictModes no",
            "LogLevel VERBOSE",
        };
        if (revokedKeysPath is not null)
        {
            lines.Add($"RevokedKeys {revokedKeysPath}");
        }

        File.WriteAllLines(config, lines);
        var start = new ProcessStartInfo(SshTools.Sshd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-D", "-E", logPath, "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start");
        var server = new SshServer(directory, port, logPath, process);
        server.WaitUntilListening();
        return server;
    }

    /// <summary>Logs in with the real ssh client as <paramref name="user"/> using the key and certificate, running <c>true</c>.</summary>
    public SshTools.Result Login(string user, string keyPath, string certificatePath) =>
        SshTools.Run(
            "ssh",
            "-F", "/dev/null",
            "-i", keyPath,
            "-o", "CertificateFile=" + certificatePath,
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes",
            "-o", "IdentitiesOnly=yes",
            "-o", "ConnectTimeout=10",
            "-o", "LogLevel=ERROR",
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            user + "@127.0.0.1",
            "true");

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"sshd exited ({_process.ExitCode}): {_process.StandardError.ReadToEnd()} {Log}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException("sshd did not listen within 15 s: " + Log);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log still being written; the temp directory is cleaned up by the system.
        }
    }
}
