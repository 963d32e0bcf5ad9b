using System.Text.Json.Nodes;
using Mandate.Agents.Hooks;
using Mandate.Agents.Install.Internal;

namespace Mandate.Agents.Install;

public static partial class Installer
{
    public static InstallStatus Status(InstallTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var exists = File.Exists(target.ConfigPath);
        var backupExists = File.Exists(target.ConfigPath + ConfigFile.BackupSuffix);
        var layout = HookLayout.For(target.Agent);

        if (target.Agent == HookDialect.Codex && target.Scope == InstallScope.Managed)
        {
            return ManagedCodexStatus(target, exists, layout);
        }

        var read = ConfigFile.Read(target.ConfigPath);
        if (!read.IsSuccess)
        {
            return new InstallStatus(target, exists, Readable: false, [], layout.Events, null, backupExists, read.Error.Message);
        }

        var events = new List<string>();
        string? binary = null;
        if (read.Value?["hooks"] is JsonObject hooks)
        {
            foreach (var (eventName, value) in hooks)
            {
                if (value is not JsonArray entries)
                {
                    continue;
                }

                foreach (var entry in entries)
                {
                    var candidates = layout.Nested && entry is JsonObject group && group["hooks"] is JsonArray inner ? [.. inner] : new[] { entry };
                    foreach (var candidate in candidates)
                    {
                        if (layout.IsOurs(candidate, out var found))
                        {
                            binary ??= found;
                            if (!events.Contains(eventName))
                            {
                                events.Add(eventName);
                            }
                        }
                    }
                }
            }
        }

        return new InstallStatus(
            target, exists, Readable: exists, events, [.. layout.Events.Except(events)], binary, backupExists, Problem: null);
    }

    private static InstallStatus ManagedCodexStatus(InstallTarget target, bool exists, HookLayout layout)
    {
        const string Problem = "managed Codex hooks are set by the administrator in requirements.toml";
        if (!exists)
        {
            return new InstallStatus(target, false, false, [], layout.Events, null, false, Problem);
        }

        try
        {
            // No TOML parser here: report the events whose tables run `mandate hook codex`.
            var events = new List<string>();
            string? binary = null;
            string? current = null;
            foreach (var line in File.ReadLines(target.ConfigPath))
            {
                var text = line.Trim();
                if (text.StartsWith("[[hooks.", StringComparison.Ordinal))
                {
                    current = text.TrimStart('[').TrimEnd(']').Split('.')[1];
                }
                else if (current is not null && text.StartsWith("command", StringComparison.Ordinal) && text.Contains('=', StringComparison.Ordinal))
                {
                    var value = text[(text.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim().Trim('"').Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
                    if (HookCommand.TryRead(value, HookDialect.Codex, out var found))
                    {
                        binary ??= found;
                        if (!events.Contains(current))
                        {
                            events.Add(current);
                        }
                    }
                }
            }

            return new InstallStatus(target, true, true, events, [.. layout.Events.Except(events)], binary, false, Problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new InstallStatus(target, true, false, [], layout.Events, null, false, e.Message);
        }
    }
}
