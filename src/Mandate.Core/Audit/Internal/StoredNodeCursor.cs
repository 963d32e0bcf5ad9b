namespace Mandate.Core.Audit.Internal;

/// <summary>
/// Walks a store's Merkle nodes level by level in step with the recomputed tree: every node the
/// frontier completes is compared with the next stored node of its level, so one pass finds the
/// first replaced, missing or extra node.
/// </summary>
internal sealed class StoredNodeCursor(IStoredMerkleNodes? source) : IDisposable
{
    private readonly Dictionary<int, IEnumerator<StoredNode>> _levels = [];

    public bool Enabled => source is not null;

    /// <summary>The first difference found, if any.</summary>
    public string? Problem { get; private set; }

    /// <summary>A <see cref="MerkleNodeSink"/>: compares one recomputed node with the stored one.</summary>
    public void Compare(int level, long index, ReadOnlySpan<byte> hash)
    {
        if (source is null || Problem is not null)
        {
            return;
        }

        var cursor = Level(level);
        if (!cursor.MoveNext() || cursor.Current.Index > index)
        {
            Problem = $"the stored tree has no node ({level}, {index}) over {Covers(level, index)}: a stored hash was deleted, or the record was inserted";
        }
        else if (cursor.Current.Index < index)
        {
            Problem = $"the stored tree has an unexpected node ({level}, {cursor.Current.Index}): a stored hash was inserted";
        }
        else if (!cursor.Current.Hash.AsSpan().SequenceEqual(hash))
        {
            Problem = level == 0
                ? "the record's leaf hash differs from the one stored in the tree when it was appended: the record was rewritten together with its leaf hash, or the stored leaf node was replaced"
                : $"the stored Merkle node ({level}, {index}) over {Covers(level, index)} differs from the one recomputed from the records: a stored hash was replaced";
        }
    }

    /// <summary>After the last record: the first stored node no record accounts for.</summary>
    public StoredNode? FindExtra(int maxLevels)
    {
        for (var level = 0; level < maxLevels; level++)
        {
            var cursor = Level(level);
            if (cursor.MoveNext())
            {
                return cursor.Current;
            }
        }

        return null;
    }

    private static string Covers(int level, long index) =>
        level == 0 ? $"record {index + 1}" : $"records {(index << level) + 1}-{(index + 1) << level}";

    private IEnumerator<StoredNode> Level(int level)
    {
        if (!_levels.TryGetValue(level, out var cursor))
        {
            cursor = source!.ReadLevel(level).GetEnumerator();
            _levels[level] = cursor;
        }

        return cursor;
    }

    public void Dispose()
    {
        foreach (var cursor in _levels.Values)
        {
            cursor.Dispose();
        }
    }
}
