namespace Mandate.Core.Home;

/// <summary>
/// Writes the home's files with the right permissions from the moment they exist: private keys
/// 0600 and directories 0700 on Unix, so there is no window in which a key is readable by others.
/// </summary>
public static class KeyFiles
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicFile = PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, PrivateDirectory);
        File.SetUnixFileMode(path, PrivateDirectory);
    }

    public static void WritePrivate(string path, string content) => Write(path, content, PrivateFile);

    public static void WritePublic(string path, string content) => Write(path, content, PublicFile);

    /// <summary>Writes to a temporary file beside the target, then renames it over, so a reader never sees half a file.</summary>
    private static void Write(string path, string content, UnixFileMode mode)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, mode);
        }

        File.Move(temp, path, overwrite: true);
    }
}
