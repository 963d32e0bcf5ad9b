using System.Text.Json.Nodes;
using Mandate.Agents.Hooks;
using Mandate.Agents.Install.Internal;
using Mandate.Core.Errors;

namespace Mandate.Agents.Install;

/// <summary>
/// Registers <c>mandate hook &lt;agent&gt;</c> in an agent's configuration, merging into what is there: every other
/// setting and hook is kept, in order; an unreadable file is refused, never overwritten. Install is idempotent;
/// uninstall removes exactly Mandate's entries, keeping whatever the user changed since.
/// </summary>
public static partial class Installer
{
    public static Outcome<InstallResult> Install(InstallTarget target, string mandateBinary)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ManagedCodex(target, mandateBinary) is { } managed)
        {
            return managed;
        }

        if (CheckBinary(mandateBinary) is { } badBinary)
        {
            return badBinary;
        }

        var read = ConfigFile.Read(target.ConfigPath);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var existed = read.Value is not null;
        var root = read.Value ?? [];
        var before = root.DeepClone();
        var layout = HookLayout.For(target.Agent);
        var command = HookCommand.Format(mandateBinary, target.Agent);

        if (root["hooks"] is null)
        {
            root["hooks"] = new JsonObject();
        }

        if (root["hooks"] is not JsonObject hooks)
        {
            return NotHooks(target, "hooks is not an object");
        }

        foreach (var eventName in layout.Events)
        {
            if (hooks[eventName] is null)
            {
                hooks[eventName] = new JsonArray();
            }

            if (hooks[eventName] is not JsonArray entries)
            {
                return NotHooks(target, $"hooks.{eventName} is not an array");
            }

            if (layout.Nested)
            {
                PutNested(layout, eventName, entries, command);
            }
            else
            {
                PutFlat(layout, entries, command);
            }
        }

        foreach (var (name, value) in layout.RootMembers(target.Scope))
        {
            if (name == "allowManagedHooksOnly" || root[name] is null)
            {
                root[name] = value();
            }
        }

        if (JsonNode.DeepEquals(before, root))
        {
            return new InstallResult(target, Changed: false, layout.Events, BackupOf(target), FileCreated: false, FileDeleted: false);
        }

        // The backup is the user's configuration before Mandate: a file that already holds Mandate's hooks (an
        // upgrade, or a move to mandate-hook) is not, and would make uninstall keep Mandate's empty containers.
        if (existed && !Status(target).Installed && ConfigFile.Backup(target.ConfigPath) is { } backupError)
        {
            return backupError;
        }

        if (ConfigFile.WriteAtomically(target.ConfigPath, root, restrictNewFile: target.Scope == InstallScope.Managed) is { } writeError)
        {
            return writeError;
        }

        return new InstallResult(target, Changed: true, layout.Events, BackupOf(target), FileCreated: !existed, FileDeleted: false);
    }

    /// <summary>Puts exactly one Mandate entry into a nested event array, updating it in place when present.</summary>
    private static void PutNested(HookLayout layout, string eventName, JsonArray groups, string command)
    {
        var placed = false;
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g] is not JsonObject group || group["hooks"] is not JsonArray inner)
            {
                continue;
            }

            for (var i = 0; i < inner.Count; i++)
            {
                if (!layout.IsOurs(inner[i], out _))
                {
                    continue;
                }

                if (placed)
                {
                    inner.RemoveAt(i--);
                }
                else if (inner.Count == 1)
                {
                    // Mandate's own group: restore it whole (matcher included).
                    if (!JsonNode.DeepEquals(group, layout.Group(eventName, command)))
                    {
                        groups[g] = layout.Group(eventName, command);
                    }

                    placed = true;
                    break;
                }
                else
                {
                    ReplaceIfDifferent(inner, i, layout.Entry(command));
                    placed = true;
                }
            }

            if (groups[g] is JsonObject { } current && current["hooks"] is JsonArray { Count: 0 })
            {
                groups.RemoveAt(g--);
            }
        }

        if (!placed)
        {
            groups.Add((JsonNode)layout.Group(eventName, command));
        }
    }

    private static void PutFlat(HookLayout layout, JsonArray entries, string command)
    {
        var placed = false;
        for (var i = 0; i < entries.Count; i++)
        {
            if (!layout.IsOurs(entries[i], out _))
            {
                continue;
            }

            if (placed)
            {
                entries.RemoveAt(i--);
            }
            else
            {
                ReplaceIfDifferent(entries, i, layout.Entry(command));
                placed = true;
            }
        }

        if (!placed)
        {
            entries.Add((JsonNode)layout.Entry(command));
        }
    }

    private static void ReplaceIfDifferent(JsonArray array, int index, JsonObject entry)
    {
        if (!JsonNode.DeepEquals(array[index], entry))
        {
            array[index] = entry;
        }
    }

    private static MandateError? CheckBinary(string mandateBinary)
    {
        if (string.IsNullOrWhiteSpace(mandateBinary)
            || !Path.IsPathFullyQualified(mandateBinary)
            || mandateBinary.Any(c => c == '"' || char.IsControl(c)))
        {
            return new MandateError(
                ErrorCodes.InstallBinaryInvalid,
                $"The Mandate binary to register must be an absolute path without quotes or line breaks; got '{mandateBinary}'.",
                "Install from the installed `mandate` binary, or pass its absolute path.");
        }

        var fileName = Path.GetFileName(mandateBinary);
        if (fileName != "mandate" && !fileName.Equals("mandate.exe", StringComparison.OrdinalIgnoreCase))
        {
            return new MandateError(
                ErrorCodes.InstallBinaryInvalid,
                $"The binary to register is named '{fileName}', not 'mandate'; its hooks could not be recognised to update or remove them.",
                "Install the binary as `mandate` (or `mandate.exe`) and register that path.");
        }

        return null;
    }

    private static MandateError? ManagedCodex(InstallTarget target, string? mandateBinary)
    {
        if (target.Agent != HookDialect.Codex || target.Scope != InstallScope.Managed)
        {
            return null;
        }

        var command = HookCommand.Format(string.IsNullOrWhiteSpace(mandateBinary) ? "/usr/local/bin/mandate" : mandateBinary, HookDialect.Codex);
        var snippet = string.Concat(HookLayout.For(HookDialect.Codex).Events.Select(e =>
            $"\n[[hooks.{e}]]\n[[hooks.{e}.hooks]]\ntype = \"command\"\ncommand = \"{command.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"\ntimeout = 30\n"));
        return new MandateError(
            ErrorCodes.InstallManagedByAdministrator,
            $"Managed Codex hooks are set by the administrator in requirements.toml ({target.ConfigPath}); Mandate does not edit it.",
            "Add to requirements.toml:\n" + snippet);
    }

    private static MandateError NotHooks(InstallTarget target, string what) => new(
        ErrorCodes.InstallConfigInvalid,
        $"{target.ConfigPath}: {what}; it was left untouched.",
        "Fix the file by hand (hooks is an object of arrays), then install again.");

    private static string? BackupOf(InstallTarget target)
    {
        var backup = target.ConfigPath + ConfigFile.BackupSuffix;
        return File.Exists(backup) ? backup : null;
    }
}
