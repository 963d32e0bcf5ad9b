namespace Mandate.Storage.Sqlite.Tests;

/// <summary>What the store tests check of an audit record: its place and what happened.</summary>
internal sealed record LoggedEvent(long Seq, string Type);
