namespace Mandate.Agents.Hooks;

/// <summary>What the hook process must do: exit with <paramref name="ExitCode"/>, print exactly these bytes.</summary>
public sealed record HookReply(int ExitCode, string Stdout, string Stderr);
