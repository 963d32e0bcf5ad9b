using System.Diagnostics;
using System.Security.Cryptography;
using SQLitePCL;

namespace Mandate.Storage.Sqlite.Sql;

/// <summary>
/// One SQL statement and its named parameters (<c>$name</c>). It is prepared when first run and kept prepared, so
/// running it again with new values costs no parse; every parameter the statement names must have a value.
/// </summary>
internal sealed class Command : IDisposable
{
    /// <summary>How long a statement keeps retrying a lock that SQLite's busy handler did not wait for.</summary>
    public static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(5);

    private readonly Database _database;
    private readonly List<KeyValuePair<string, object?>> _parameters = [];
    private string _text;
    private sqlite3_stmt? _statement;

    public Command(Database database, string text)
    {
        _database = database;
        _text = text;
    }

    /// <summary>The statement's SQL; changing it drops the prepared form (the parameters stay).</summary>
    public string Text
    {
        get => _text;
        set
        {
            if (value != _text)
            {
                _statement?.Dispose();
                _statement = null;
                _text = value;
            }
        }
    }

    /// <summary>Sets a parameter: null, a string, an integer, a bool (as 0 or 1), a double or a byte array.</summary>
    public Command Bind(string name, object? value)
    {
        for (var i = 0; i < _parameters.Count; i++)
        {
            if (_parameters[i].Key == name)
            {
                _parameters[i] = new(name, value);
                return this;
            }
        }

        _parameters.Add(new(name, value));
        return this;
    }

    /// <summary>Runs the statement to its end; returns the number of rows it changed.</summary>
    public int Execute()
    {
        var statement = Ready();
        try
        {
            var rc = FirstStep(statement);
            while (rc == raw.SQLITE_ROW)
            {
                rc = raw.sqlite3_step(statement);
            }

            _database.Check(rc);
            return raw.sqlite3_changes(_database.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>The first column of the first row (a long, double, string or byte array), or null for NULL or no row.</summary>
    public object? Scalar()
    {
        using var rows = Query();
        return rows.Read() ? rows.GetValue(0) : null;
    }

    /// <summary>The rows the statement returns, read one by one.</summary>
    public Rows Query() => new(this, Ready());

    internal int FirstStep(sqlite3_stmt statement)
    {
        long started = 0;
        while (true)
        {
            var rc = raw.sqlite3_step(statement);
            if (rc is raw.SQLITE_ROW or raw.SQLITE_DONE)
            {
                return rc;
            }

            var error = _database.Error(rc);
            raw.sqlite3_reset(statement);
            if (!error.IsBusy)
            {
                throw error;
            }

            if (started == 0)
            {
                started = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(started) > BusyRetry)
            {
                throw error;
            }

            Thread.Sleep(RandomNumberGenerator.GetInt32(2, 20)); // a WAL being recovered after a killed writer, a moved snapshot
        }
    }

    internal SqliteError Error(int rc) => _database.Error(rc);

    private sqlite3_stmt Ready()
    {
        if (_statement is null)
        {
            var rc = raw.sqlite3_prepare_v2(_database.Handle, _text, out var statement, out var tail);
            if (rc != raw.SQLITE_OK)
            {
                statement?.Dispose();
                throw _database.Error(rc);
            }

            if (!string.IsNullOrWhiteSpace(tail))
            {
                statement.Dispose();
                throw new InvalidOperationException("A command runs one SQL statement; use Database.ExecuteScript for a script.");
            }

            _statement = statement;
        }

        raw.sqlite3_reset(_statement);
        var count = raw.sqlite3_bind_parameter_count(_statement);
        for (var i = 1; i <= count; i++)
        {
            var name = raw.sqlite3_bind_parameter_name(_statement, i).utf8_to_string();
            BindValue(_statement, i, name, Value(name));
        }

        return _statement;
    }

    private object? Value(string name)
    {
        foreach (var p in _parameters)
        {
            if (p.Key == name)
            {
                return p.Value;
            }
        }

        throw new InvalidOperationException($"The SQL parameter {name} has no value.");
    }

    private void BindValue(sqlite3_stmt statement, int index, string name, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string s => raw.sqlite3_bind_text(statement, index, s),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int n => raw.sqlite3_bind_int64(statement, index, n),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(statement, index, d),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new ArgumentException($"The SQL parameter {name} has a value of type {value.GetType().Name}, which the store does not bind.", nameof(value)),
        };
        _database.Check(rc);
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }
}
