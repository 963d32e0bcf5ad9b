using System.Runtime.InteropServices;

namespace Mandate.Storage.Sqlite;

/// <summary>
/// Loads SQLite from beside the program when it is there. The default search tries <c>e_sqlite3.so</c> in every
/// system library directory before the program's own <c>libe_sqlite3.so</c>: some forty failed opens on every
/// hook start. The Linux binaries have SQLite linked in (ADR 0010) and no library beside them, so this finds nothing
/// there; it serves the other platforms.
/// </summary>
internal static class SqliteNative
{
    private static int _installed;

    public static void PreferBesideTheProgram()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
        {
            return;
        }

        var file = OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";
        var path = Path.Combine(AppContext.BaseDirectory, file);
        if (!File.Exists(path))
        {
            return; // a development build: the runtime's own search finds it under runtimes/
        }

        try
        {
            NativeLibrary.SetDllImportResolver(
                typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly,
                (name, _, _) => name == "e_sqlite3" && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // Someone set a resolver first; theirs stands.
        }
    }
}
