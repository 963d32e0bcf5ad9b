namespace Mandate.Storage.Sqlite.Sql;

/// <summary>An error SQLite returned: its primary result code, the extended code that says more, and SQLite's message.</summary>
internal sealed class SqliteError : Exception
{
    public SqliteError(int extendedCode, string message)
        : base($"SQLite error {extendedCode & 0xFF}: {message}")
    {
        ExtendedCode = extendedCode;
    }

    /// <summary>The primary result code (5 for SQLITE_BUSY, 6 for SQLITE_LOCKED, 13 for SQLITE_FULL, ...).</summary>
    public int Code => ExtendedCode & 0xFF;

    public int ExtendedCode { get; }

    /// <summary>Another connection holds a lock this one needs.</summary>
    public bool IsBusy => Code is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED;

    /// <summary>The message with the extended code when it says more than the primary one (which lock was busy).</summary>
    public string Describe() => ExtendedCode == Code ? Message : $"{Message} (extended code {ExtendedCode})";
}
