using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;

namespace Mandate.Agents.Install.Internal;

/// <summary>Reads an agent's JSON configuration strictly and writes it back atomically, keeping its file mode.</summary>
internal static class ConfigFile
{
    public const string BackupSuffix = ".mandate-backup";

    private static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Configuration files are read by the agents, not browsers: keep '<', '+', non-ASCII as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's root object; null when the file does not exist.</summary>
    public static Outcome<JsonObject?> Read(string path)
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return Outcome<JsonObject?>.Success(null);
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return IoError(path, "cannot be read", e);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: StrictDocument);
        }
        catch (JsonException e)
        {
            return new MandateError(
                ErrorCodes.InstallConfigInvalid,
                $"{path} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); it was left untouched.",
                "Fix the file by hand (comments and trailing commas are not JSON), then install again.");
        }

        if (node is not JsonObject root)
        {
            return new MandateError(
                ErrorCodes.InstallConfigInvalid,
                $"{path} holds {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())}, not a JSON object; it was left untouched.",
                "Fix the file by hand, then install again.");
        }

        return root;
    }

    /// <summary>The backup's root object, or null when there is none or it cannot be read.</summary>
    public static JsonObject? ReadBackup(string path)
    {
        var backup = Read(path + BackupSuffix);
        return backup.IsSuccess ? backup.Value : null;
    }

    public static string Serialize(JsonNode root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            root.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes a temporary file in the same directory and renames it over the target, so a reader never sees half a file.</summary>
    public static MandateError? WriteAtomically(string path, JsonNode root, bool restrictNewFile)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{RandomNumberGenerator.GetHexString(12, lowercase: true)}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            UnixFileMode? mode = null;
            if (!OperatingSystem.IsWindows())
            {
                mode = File.Exists(path) ? File.GetUnixFileMode(path)
                    : restrictNewFile ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
                    : null;
            }

            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Encoding.UTF8.GetBytes(Serialize(root)));
                stream.Flush(flushToDisk: true);
            }

            if (mode is { } unixMode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, unixMode);
            }

            File.Move(temp, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            return IoError(path, "cannot be written", e);
        }
    }

    public static MandateError? Backup(string path)
    {
        var backup = path + BackupSuffix;
        try
        {
            if (!File.Exists(backup))
            {
                File.Copy(path, backup);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return IoError(backup, "cannot be written", e);
        }
    }

    public static MandateError? Delete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return IoError(path, "cannot be deleted", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write already failed and is reported; a stray temporary file is the lesser problem.
        }
    }

    private static MandateError IoError(string path, string what, Exception e) => new(
        ErrorCodes.InstallWriteFailed,
        $"{path} {what}: {e.Message}",
        "Check the permissions of the file and its directory (managed scope needs root), then retry.");
}
