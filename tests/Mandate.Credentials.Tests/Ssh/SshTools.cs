using System.Diagnostics;

namespace Mandate.Credentials.Tests.Ssh;

/// <summary>Runs the real OpenSSH tools. A missing tool fails the test: CI installs openssh-server and openssh-client.</summary>
internal static class SshTools
{
    public const string Sshd = "/usr/sbin/sshd";

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static string CurrentUser => Run("whoami").StandardOutput.Trim();

    public static Result Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // ssh-keygen -L prints validity in local time.
        start.Environment["TZ"] = "UTC";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in 30 s");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A new key pair from ssh-keygen (no passphrase); returns the private key path (the .pub is beside it).</summary>
    public static string KeyGen(string directory, string type, string name, params string[] extra)
    {
        var path = Path.Combine(directory, name);
        var result = Run("ssh-keygen", [.. extra, "-q", "-t", type, "-N", "", "-C", name, "-f", path]);
        Assert.True(result.ExitCode == 0, "ssh-keygen failed: " + result.StandardError);
        return path;
    }

    /// <summary><c>ssh-keygen -L</c>: the certificate as OpenSSH parses it.</summary>
    public static string Describe(string certificatePath)
    {
        var result = Run("ssh-keygen", "-L", "-f", certificatePath);
        Assert.True(result.ExitCode == 0, "ssh-keygen -L refused the certificate: " + result.StandardError);
        return result.StandardOutput;
    }

    /// <summary>Writes a private key with 0600 (ssh refuses a key others can read).</summary>
    public static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
