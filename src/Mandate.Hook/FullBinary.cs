using System.Diagnostics;
using Mandate.Agents.Hooks;
using Mandate.Core.Home;

namespace Mandate.Hook;

/// <summary>
/// Session start and end, passed on to <c>mandate hook &lt;agent&gt;</c> in the same directory: granting the
/// session's mandate and revoking its leases need the credential broker, which this small binary leaves out.
/// Whatever goes wrong (no <c>mandate</c> beside it, a crash, a timeout) ends in a deny.
/// </summary>
internal static class FullBinary
{
    /// <summary>Within the 30 s the installed hooks are given (HookLayout), so the deny is ours, not the agent's timeout.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(25);

    public static HookReply Session(HookEvent e, byte[] input, MandateHome home)
    {
        var binary = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "mandate.exe" : "mandate");
        if (!File.Exists(binary))
        {
            return HookResponder.Fail(e.Dialect, $"{binary} is missing; mandate-hook needs it beside it for session start and end. Reinstall Mandate.");
        }

        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("hook");
        start.ArgumentList.Add(HookDialects.Name(e.Dialect));
        start.Environment[MandateHome.EnvironmentVariable] = home.Root;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("mandate did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return HookResponder.Fail(e.Dialect, $"mandate hook did not finish the session event within {Timeout.TotalSeconds:0} s.");
        }

        // Only the two answers the agents understand pass through; anything else (a crash) is a deny.
        return process.ExitCode is 0 or 2
            ? new HookReply(process.ExitCode, stdout.Result, stderr.Result)
            : HookResponder.Fail(e.Dialect, $"mandate hook exited with {process.ExitCode} on the session event.");
    }
}
