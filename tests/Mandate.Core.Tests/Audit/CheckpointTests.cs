using System.Text;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

public sealed class CheckpointTests
{
    private const string Origin = "audit.mandate.test/log";

    [Fact]
    public void SignedCheckpoint_RoundTrips()
    {
        using var signer = CheckpointSigner.Generate(Origin);
        var root = MerkleTree.HashLeaf("leaf"u8);
        var note = signer.Sign(new Checkpoint(Origin, 12345, root));

        Assert.StartsWith($"{Origin}\n12345\n{Convert.ToBase64String(root)}\n\n\u2014 {Origin} ", note, StringComparison.Ordinal);
        var result = new CheckpointVerifier(signer.VerifierKey).Verify(note);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(Origin, result.Checkpoint.Origin);
        Assert.Equal(12345, result.Checkpoint.TreeSize);
        Assert.Equal(root, result.Checkpoint.RootHash.ToArray());
        Assert.Empty(result.Checkpoint.Extensions);
    }

    [Fact]
    public void VerifierFromVkeyText_VerifiesAndExtensionLinesSurvive()
    {
        using var signer = CheckpointSigner.Generate(Origin);
        var note = signer.Sign(new Checkpoint(Origin, 0, MerkleTree.EmptyRoot(), ["ext one", "ext two"]));
        Assert.True(CheckpointVerifier.TryCreate(signer.VerifierKey.ToString(), out var verifier, out var error), error);
        var result = verifier.Verify(Encoding.UTF8.GetBytes(note));
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(["ext one", "ext two"], result.Checkpoint.Extensions);
        Assert.Equal(0, result.Checkpoint.TreeSize);
    }

    [Theory]
    [InlineData(0, "audit.mandate.test/other")] // origin line
    [InlineData(1, "12346")] // tree size
    [InlineData(2, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")] // root hash
    public void TamperedBody_IsRefused(int line, string replacement)
    {
        using var signer = CheckpointSigner.Generate(Origin);
        var lines = signer.Sign(new Checkpoint(Origin, 12345, MerkleTree.HashLeaf("x"u8))).Split('\n');
        lines[line] = replacement;
        var result = new CheckpointVerifier(signer.VerifierKey).Verify(string.Join('\n', lines));
        Assert.False(result.IsValid);
        Assert.Equal(CheckpointFailure.BadSignature, result.Failure);
        Assert.Null(result.Checkpoint);
    }

    [Fact]
    public void TamperedSignature_IsRefused()
    {
        using var signer = CheckpointSigner.Generate(Origin);
        var note = signer.Sign(new Checkpoint(Origin, 7, MerkleTree.HashLeaf("x"u8)));
        var lastLine = note.TrimEnd('\n').Split('\n')[^1];
        var blob = Convert.FromBase64String(lastLine[(lastLine.LastIndexOf(' ') + 1)..]);
        blob[^1] ^= 0x01;
        var tampered = note[..(note.LastIndexOf(' ') + 1)] + Convert.ToBase64String(blob) + "\n";
        Assert.Equal(CheckpointFailure.BadSignature, new CheckpointVerifier(signer.VerifierKey).Verify(tampered).Failure);
    }

    [Fact]
    public void NoteSignedByForeignKey_IsRefused_EvenWithTheSameName()
    {
        using var signer = CheckpointSigner.Generate(Origin);
        using var impostor = CheckpointSigner.Generate(Origin);
        var forged = impostor.Sign(new Checkpoint(Origin, 1, MerkleTree.HashLeaf("x"u8)));
        var result = new CheckpointVerifier(signer.VerifierKey).Verify(forged);
        Assert.Equal(CheckpointFailure.NotSignedByKey, result.Failure);
    }

    [Fact]
    public void ForeignCosignature_IsIgnored_ButOursIsStillRequired()
    {
        using var log = CheckpointSigner.Generate(Origin);
        using var witness = CheckpointSigner.Generate("witness.example/w1");
        var checkpoint = new Checkpoint(Origin, 3, MerkleTree.HashLeaf("x"u8));
        var logNote = log.Sign(checkpoint);
        var witnessLine = witness.Sign(checkpoint).Split("\n\n")[1];
        var cosigned = logNote + witnessLine;
        Assert.True(new CheckpointVerifier(log.VerifierKey).Verify(cosigned).IsValid);

        var witnessOnly = checkpoint.ToNoteText() + "\n" + witnessLine;
        Assert.Equal(CheckpointFailure.NotSignedByKey, new CheckpointVerifier(log.VerifierKey).Verify(witnessOnly).Failure);
    }

    [Fact]
    public void RepeatedSignatureByTheKey_IsRefused()
    {
        using var signer = CheckpointSigner.Generate(Origin);
        var note = signer.Sign(new Checkpoint(Origin, 3, MerkleTree.HashLeaf("x"u8)));
        var doubled = note + note.Split("\n\n")[1];
        Assert.Equal(CheckpointFailure.MalformedNote, new CheckpointVerifier(signer.VerifierKey).Verify(doubled).Failure);
    }

    [Fact]
    public void CheckpointOfAnotherOrigin_IsRefused()
    {
        using var signer = CheckpointSigner.Generate(Origin);
        var note = signer.Sign(new Checkpoint("some.other/log", 3, MerkleTree.HashLeaf("x"u8)));
        Assert.Equal(CheckpointFailure.WrongOrigin, new CheckpointVerifier(signer.VerifierKey).Verify(note).Failure);
        Assert.True(new CheckpointVerifier(signer.VerifierKey, expectedOrigin: "some.other/log").Verify(note).IsValid);
    }

    [Theory]
    [InlineData("origin\n12\n")] // no root line
    [InlineData("origin\n012\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")] // leading zero
    [InlineData("origin\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("origin\n99999999999999999999\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("origin\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n")] // 31 bytes
    [InlineData("origin\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=\n")] // non-canonical base64
    [InlineData("origin\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\next\n\nmore\n")] // empty extension line
    [InlineData("\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")] // empty origin
    public void SignedButMalformedCheckpointBody_IsRefused(string body)
    {
        using var signer = CheckpointSigner.Generate("origin");
        var result = new CheckpointVerifier(signer.VerifierKey).Verify(signer.SignNote(body));
        Assert.False(result.IsValid);
        Assert.True(result.Failure is CheckpointFailure.MalformedCheckpoint, $"{result.Failure}: {result.Reason}");
    }

    [Theory]
    [InlineData("origin\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n— origin AAAA\n")] // no blank line
    [InlineData("origin\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— origin AAAAAAAA")] // no final newline
    [InlineData("origin\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n- origin AAAAAAAA\n")] // hyphen, not em dash
    [InlineData("origin\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— origin AAAA\n")] // signature under 5 bytes
    [InlineData("origin\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— origin AA AAAAAA\n")] // space in base64
    [InlineData("origin\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— ori+gin AAAAAAAA\n")] // '+' in key name
    [InlineData("origin\r\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— origin AAAAAAAA\n")] // control character
    [InlineData("origin\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n")] // no signatures
    [InlineData("")]
    public void MalformedNote_IsRefusedWithAReason(string note)
    {
        using var signer = CheckpointSigner.Generate("origin");
        var result = new CheckpointVerifier(signer.VerifierKey).Verify(note);
        Assert.Equal(CheckpointFailure.MalformedNote, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public void NoteThatIsNotUtf8_OrHasTooManySignatures_IsRefused()
    {
        using var signer = CheckpointSigner.Generate("origin");
        var verifier = new CheckpointVerifier(signer.VerifierKey);
        var valid = Encoding.UTF8.GetBytes(signer.Sign(new Checkpoint("origin", 1, MerkleTree.HashLeaf("x"u8))));
        var invalidUtf8 = valid.ToArray();
        invalidUtf8[2] = 0xC3; // lead byte followed by an ASCII byte
        Assert.Equal(CheckpointFailure.MalformedNote, verifier.Verify(invalidUtf8).Failure);

        var manySignatures = signer.Sign(new Checkpoint("origin", 1, MerkleTree.HashLeaf("x"u8)))
            + string.Concat(Enumerable.Repeat("\u2014 other AAAAAAAA\n", SignedNote.MaxSignatures));
        Assert.Equal(CheckpointFailure.MalformedNote, verifier.Verify(manySignatures).Failure);

        var sixteenForeign = signer.Sign(new Checkpoint("origin", 1, MerkleTree.HashLeaf("x"u8)))
            + string.Concat(Enumerable.Repeat("\u2014 other AAAAAAAA\n", 16));
        Assert.True(verifier.Verify(sixteenForeign).IsValid);
    }

    [Fact]
    public void LaterCheckpoint_ExtendsEarlier_AndRollbackOrRewriteIsDetected()
    {
        var tree = new InMemoryMerkleTree();
        var checkpoints = new List<Checkpoint> { new(Origin, 0, MerkleTree.EmptyRoot()) };
        for (var i = 0; i < 40; i++)
        {
            tree.AppendLeafData(BitConverter.GetBytes(i));
            checkpoints.Add(new Checkpoint(Origin, tree.Size, tree.RootHash()));
        }

        foreach (var older in checkpoints)
        {
            foreach (var newer in checkpoints.Where(c => c.TreeSize >= older.TreeSize))
            {
                var proof = older.TreeSize == 0 ? [] : tree.ConsistencyProof(older.TreeSize, newer.TreeSize);
                Assert.True(older.VerifyExtendedBy(newer, proof).IsValid, $"{older.TreeSize} -> {newer.TreeSize}");
            }
        }

        // A rewritten history: same sizes, a different leaf 5.
        var forked = new InMemoryMerkleTree();
        for (var i = 0; i < 40; i++)
        {
            forked.AppendLeafData(BitConverter.GetBytes(i == 5 ? -1 : i));
        }

        var exported = checkpoints[20];
        var forkedHead = new Checkpoint(Origin, 40, forked.RootHash());
        Assert.False(exported.VerifyExtendedBy(forkedHead, forked.ConsistencyProof(20, 40)).IsValid);
        Assert.Equal(MerkleProofFailure.OutOfRange, checkpoints[30].VerifyExtendedBy(checkpoints[20], []).Failure);
        Assert.False(checkpoints[0].VerifyExtendedBy(checkpoints[3], [MerkleTree.EmptyRoot()]).IsValid);
        Assert.False(exported.VerifyExtendedBy(new Checkpoint("other/log", 40, tree.RootHash()), tree.ConsistencyProof(20, 40)).IsValid);
    }

    [Fact]
    public void TlogCheckpointSpecExampleBody_Parses()
    {
        // c2sp.org/tlog-checkpoint, the example at the top of the spec (C2SP/C2SP tlog-checkpoint.md).
        const string body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        Assert.True(Checkpoint.TryParse(body, out var checkpoint, out var error), error);
        Assert.Equal("example.com/behind-the-sofa", checkpoint.Origin);
        Assert.Equal(20852163, checkpoint.TreeSize);
        Assert.Equal(body, checkpoint.ToNoteText());
    }

    [Fact]
    public void CheckpointConstructor_RefusesInvalidParts()
    {
        Assert.Throws<ArgumentException>(() => new Checkpoint("", 1, new byte[32]));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a\nb", 1, new byte[32]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("a", -1, new byte[32]));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a", 1, new byte[31]));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a", 1, new byte[32], [""]));
    }
}
