using System.Text;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

/// <summary>Key ids, vkeys and signer keys against published signed-note vectors.</summary>
public sealed class NoteKeyTests
{
    // golang.org/x/mod/sumdb/note package documentation and note_test.go: the PeterNeumann key pair
    // and the note it signs (Ed25519 is deterministic, so signing must reproduce it byte for byte).
    private const string GoVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoSignatureLine = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    // c2sp.org/signed-note "Verifier keys" example (C2SP/C2SP signed-note.md).
    private const string SpecVkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private const string SpecNote = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    [Fact]
    public void KeyId_MatchesTheGoNoteVector()
    {
        var key = NoteVerifierKey.Parse(GoVkey);
        Assert.Equal("PeterNeumann", key.Name);
        Assert.Equal(0xc74f20a3u, key.KeyId);
        Assert.Equal(0xc74f20a3u, NoteVerifierKey.ComputeKeyId("PeterNeumann", key.PublicKey));
        Assert.Equal(GoVkey, key.ToString());
    }

    [Fact]
    public void SignerKey_ReproducesTheGoNoteByteForByte()
    {
        Assert.True(CheckpointSigner.TryParse(GoSkey, out var signer, out var error), error);
        using (signer)
        {
            Assert.Equal(GoVkey, signer.VerifierKey.ToString());
            Assert.Equal(GoText + "\n" + GoSignatureLine, signer.SignNote(GoText));
            Assert.Equal(GoSkey, signer.ExportSignerKey());
        }
    }

    [Fact]
    public void GoNote_VerifiesAsANote_ButIsNotACheckpoint()
    {
        var note = GoText + "\n" + GoSignatureLine;
        Assert.True(SignedNote.TryParse(Encoding.UTF8.GetBytes(note), out var parsed, out var error), error);
        Assert.Equal(GoText, parsed.Text);
        var signature = Assert.Single(parsed.Signatures);
        Assert.True(NoteVerifierKey.Parse(GoVkey).Verify(Encoding.UTF8.GetBytes(parsed.Text), signature.Signature.Span));

        var result = new CheckpointVerifier(NoteVerifierKey.Parse(GoVkey)).Verify(note);
        Assert.Equal(CheckpointFailure.MalformedCheckpoint, result.Failure);
    }

    [Fact]
    public void SpecExampleNote_VerifiesWithTheSpecVkey()
    {
        var key = NoteVerifierKey.Parse(SpecVkey);
        Assert.Equal(0x530d903au, NoteVerifierKey.ComputeKeyId("example.com/foo", key.PublicKey));
        Assert.True(SignedNote.TryParse(Encoding.UTF8.GetBytes(SpecNote), out var note, out _));
        var signature = Assert.Single(note.Signatures);
        Assert.Equal(("example.com/foo", 0x530d903au), (signature.KeyName, signature.KeyId));
        Assert.True(key.Verify(Encoding.UTF8.GetBytes(note.Text), signature.Signature.Span));
        Assert.False(key.Verify("This is an example message!\n"u8, signature.Signature.Span));
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // wrong key id
    [InlineData("Peter+Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // '+' in name
    [InlineData("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // 7 hex digits
    [InlineData("PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // truncated key
    [InlineData("PeterNeumann+c74f20a3+AhpcZ2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // not base64 of 33 bytes
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("")]
    public void MalformedVkey_IsRefusedWithAReason(string vkey)
    {
        Assert.False(NoteVerifierKey.TryParse(vkey, out var key, out var error));
        Assert.Null(key);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.False(CheckpointVerifier.TryCreate(vkey, out _, out _));
    }

    [Fact]
    public void VkeyOfAnotherSignatureType_IsRefused()
    {
        var blob = Convert.FromBase64String("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        blob[0] = 0x02;
        Assert.False(NoteVerifierKey.TryParse($"PeterNeumann+c74f20a3+{Convert.ToBase64String(blob)}", out _, out var error));
        Assert.Contains("0x02", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SignerKeyWithWrongId_IsRefusedWithoutEchoingTheKey()
    {
        var wrongId = GoSkey.Replace("c74f20a3", "c74f20a4", StringComparison.Ordinal);
        Assert.False(CheckpointSigner.TryParse(wrongId, out var signer, out var error));
        Assert.Null(signer);
        Assert.DoesNotContain("AYEKFALV", error, StringComparison.Ordinal);
        Assert.False(CheckpointSigner.TryParse(GoVkey, out _, out _));
    }

    [Fact]
    public void GeneratedSigner_ExportsAKeyThatSignsIdentically()
    {
        using var signer = CheckpointSigner.Generate("mandate.test/log");
        Assert.True(CheckpointSigner.TryParse(signer.ExportSignerKey(), out var restored, out _));
        using (restored)
        {
            Assert.Equal(signer.VerifierKey.ToString(), restored.VerifierKey.ToString());
            Assert.Equal(signer.SignNote("hello\n"), restored.SignNote("hello\n"));
        }
    }
}
