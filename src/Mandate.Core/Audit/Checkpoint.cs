using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Audit.Internal;

namespace Mandate.Core.Audit;

/// <summary>
/// A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text <c>origin\nsize\nbase64(root)\n</c>
/// plus optional non-empty extension lines. Signing and verifying live in <see cref="CheckpointSigner"/>
/// and <see cref="CheckpointVerifier"/>.
/// </summary>
public sealed class Checkpoint
{
    private readonly byte[] _rootHash;

    public Checkpoint(string origin, long treeSize, ReadOnlySpan<byte> rootHash, IReadOnlyList<string>? extensions = null)
    {
        if (!IsValidLine(origin))
        {
            throw new ArgumentException("The origin is a non-empty line without control characters.", nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException($"A root hash is {MerkleTree.HashSize} bytes.", nameof(rootHash));
        }

        var lines = extensions?.ToArray() ?? [];
        if (lines.Any(line => !IsValidLine(line)))
        {
            throw new ArgumentException("Extension lines are non-empty lines without control characters.", nameof(extensions));
        }

        Origin = origin;
        TreeSize = treeSize;
        _rootHash = rootHash.ToArray();
        Extensions = lines;
    }

    public string Origin { get; }

    public long TreeSize { get; }

    public ReadOnlySpan<byte> RootHash => _rootHash;

    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The note text that is signed.</summary>
    public string ToNoteText()
    {
        var sb = new StringBuilder();
        sb.Append(Origin).Append('\n')
            .Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(_rootHash)).Append('\n');
        foreach (var line in Extensions)
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Does <paramref name="newer"/> extend this checkpoint (same origin, same leaves, more or equal)?
    /// Unlike <see cref="MerkleProof.VerifyConsistency"/>, an empty older tree is handled here: every
    /// tree extends it, with an empty proof. This is the rollback and rewrite check for an exported checkpoint.
    /// </summary>
    public MerkleProofResult VerifyExtendedBy(Checkpoint newer, IReadOnlyList<byte[]> consistencyProof)
    {
        ArgumentNullException.ThrowIfNull(newer);
        ArgumentNullException.ThrowIfNull(consistencyProof);
        if (!string.Equals(Origin, newer.Origin, StringComparison.Ordinal))
        {
            return MerkleProofResult.Fail(MerkleProofFailure.RootMismatch, "the checkpoints are from different logs");
        }

        if (newer.TreeSize < TreeSize)
        {
            return MerkleProofResult.Fail(MerkleProofFailure.OutOfRange, $"the log shrank from {TreeSize} to {newer.TreeSize} records");
        }

        if (TreeSize == 0)
        {
            if (consistencyProof.Count != 0)
            {
                return MerkleProofResult.Fail(MerkleProofFailure.WrongProofLength, "an empty tree needs an empty proof");
            }

            return CryptographicOperations.FixedTimeEquals(_rootHash, MerkleTree.EmptyRoot())
                ? MerkleProofResult.Valid
                : MerkleProofResult.Fail(MerkleProofFailure.FirstRootMismatch, "an empty tree with a non-empty root");
        }

        return MerkleProof.VerifyConsistency(TreeSize, newer.TreeSize, consistencyProof, _rootHash, newer._rootHash);
    }

    /// <summary>Parses a checkpoint body strictly: three or more non-empty lines, size without leading zeros, 32-byte root.</summary>
    public static bool TryParse(
        string noteText, [NotNullWhen(true)] out Checkpoint? checkpoint, [NotNullWhen(false)] out string? error)
    {
        checkpoint = null;
        if (string.IsNullOrEmpty(noteText) || !noteText.EndsWith('\n'))
        {
            error = "the checkpoint text does not end with a newline";
            return false;
        }

        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3)
        {
            error = "a checkpoint has an origin, a tree size and a root hash line";
            return false;
        }

        if (lines.Any(line => !IsValidLine(line)))
        {
            error = "a checkpoint line is empty or has control characters";
            return false;
        }

        var size = lines[1];
        if (!size.All(char.IsAsciiDigit) || (size.Length > 1 && size[0] == '0')
            || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var treeSize))
        {
            error = "the tree size is not a decimal number without leading zeros";
            return false;
        }

        if (!NoteText.TryDecodeBase64(lines[2], out var root) || root.Length != MerkleTree.HashSize)
        {
            error = "the root hash is not base64 of 32 bytes";
            return false;
        }

        checkpoint = new Checkpoint(lines[0], treeSize, root, lines[3..]);
        error = null;
        return true;
    }

    private static bool IsValidLine([NotNullWhen(true)] string? line) =>
        !string.IsNullOrEmpty(line) && !line.Any(char.IsControl);
}
