using System.Text.Json.Nodes;
using Mandate.Agents.Install.Internal;
using Mandate.Core.Errors;

namespace Mandate.Agents.Install;

public static partial class Installer
{
    public static Outcome<InstallResult> Uninstall(InstallTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ManagedCodex(target, null) is { } managed)
        {
            return managed;
        }

        var read = ConfigFile.Read(target.ConfigPath);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var backupPath = target.ConfigPath + ConfigFile.BackupSuffix;
        if (read.Value is not { } root)
        {
            return ConfigFile.Delete(backupPath) is { } gone ? gone
                : new InstallResult(target, Changed: false, [], null, FileCreated: false, FileDeleted: false);
        }

        // The untouched original tells which empty containers and root members were there before Mandate.
        var original = ConfigFile.ReadBackup(target.ConfigPath);
        var layout = HookLayout.For(target.Agent);
        var removed = false;
        if (root["hooks"] is JsonObject hooks)
        {
            foreach (var eventName in hooks.Select(p => p.Key).ToList())
            {
                if (hooks[eventName] is not JsonArray entries || !RemoveOurs(layout, entries))
                {
                    continue;
                }

                removed = true;
                if (entries.Count == 0 && !Had(original, "hooks", eventName))
                {
                    hooks.Remove(eventName);
                }
            }

            if (removed && hooks.Count == 0 && !Had(original, "hooks"))
            {
                root.Remove("hooks");
            }
        }

        if (removed)
        {
            foreach (var (name, _) in layout.RootMembers(target.Scope))
            {
                if (original?[name] is { } kept)
                {
                    root[name] = kept.DeepClone();
                }
                else if (name != "version" || root["hooks"] is null)
                {
                    // A flat hooks file keeps its "version" while it still holds hooks.
                    root.Remove(name);
                }
            }
        }

        var fileDeleted = false;
        if (removed && root.Count == 0 && original is null && !File.Exists(backupPath))
        {
            if (ConfigFile.Delete(target.ConfigPath) is { } deleteError)
            {
                return deleteError;
            }

            fileDeleted = true;
        }
        else if (removed && ConfigFile.WriteAtomically(target.ConfigPath, root, restrictNewFile: false) is { } writeError)
        {
            return writeError;
        }

        if (ConfigFile.Delete(backupPath) is { } backupError)
        {
            return backupError;
        }

        return new InstallResult(target, Changed: removed || fileDeleted, [], null, FileCreated: false, FileDeleted: fileDeleted);
    }

    /// <summary>Removes Mandate's entries (and nested groups left empty by that); true when any was removed.</summary>
    private static bool RemoveOurs(HookLayout layout, JsonArray entries)
    {
        var removed = false;
        for (var i = 0; i < entries.Count; i++)
        {
            if (layout.IsOurs(entries[i], out _))
            {
                entries.RemoveAt(i--);
                removed = true;
                continue;
            }

            if (layout.Nested && entries[i] is JsonObject group && group["hooks"] is JsonArray inner)
            {
                var before = inner.Count;
                for (var j = 0; j < inner.Count; j++)
                {
                    if (layout.IsOurs(inner[j], out _))
                    {
                        inner.RemoveAt(j--);
                    }
                }

                if (inner.Count < before)
                {
                    removed = true;
                    if (inner.Count == 0)
                    {
                        entries.RemoveAt(i--);
                    }
                }
            }
        }

        return removed;
    }

    private static bool Had(JsonObject? original, params ReadOnlySpan<string> path)
    {
        JsonNode? node = original;
        foreach (var name in path)
        {
            if (node is not JsonObject obj || !obj.ContainsKey(name))
            {
                return false;
            }

            node = obj[name];
        }

        return true;
    }
}
