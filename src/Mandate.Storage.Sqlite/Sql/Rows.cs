using SQLitePCL;

namespace Mandate.Storage.Sqlite.Sql;

/// <summary>The rows of a running statement, one at a time; disposing it resets the statement for its next run.</summary>
internal sealed class Rows : IDisposable
{
    private readonly Command _command;
    private readonly sqlite3_stmt _statement;
    private bool _started;

    public Rows(Command command, sqlite3_stmt statement)
    {
        _command = command;
        _statement = statement;
    }

    /// <summary>Moves to the next row; false at the end.</summary>
    public bool Read()
    {
        int rc;
        if (!_started)
        {
            _started = true;
            rc = _command.FirstStep(_statement);
        }
        else
        {
            rc = raw.sqlite3_step(_statement);
        }

        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw _command.Error(rc),
        };
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string() ?? "";

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public int GetInt32(int column) => checked((int)raw.sqlite3_column_int64(_statement, column));

    /// <summary>A blob column's bytes (empty for NULL).</summary>
    public byte[] GetBytes(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    /// <summary>The column as SQLite stores it: a long, a double, a string, a byte array, or null.</summary>
    public object? GetValue(int column) => raw.sqlite3_column_type(_statement, column) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, column),
        raw.SQLITE_TEXT => GetString(column),
        raw.SQLITE_BLOB => GetBytes(column),
        _ => null,
    };

    public void Dispose() => raw.sqlite3_reset(_statement);
}
