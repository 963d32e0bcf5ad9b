namespace Mandate.Storage.Sqlite.Sql;

/// <summary>An open IMMEDIATE transaction; disposed without <see cref="Commit"/>, it rolls back.</summary>
internal sealed class Transaction : IDisposable
{
    private bool _done;

    public Transaction(Database database)
    {
        Database = database;
    }

    public Database Database { get; }

    /// <summary>A command inside this transaction.</summary>
    public Command Command(string text = "") => Database.Command(text);

    public void Commit()
    {
        using (var commit = Database.Command("COMMIT"))
        {
            commit.Execute();
        }

        _done = true;
    }

    public void Dispose()
    {
        if (_done || Database.InAutocommit)
        {
            return;
        }

        _done = true;
        try
        {
            Database.ExecuteScript("ROLLBACK");
        }
        catch (SqliteError)
        {
            // SQLite rolled back already (an I/O error or a full disk ends the transaction on its own).
        }
    }
}
