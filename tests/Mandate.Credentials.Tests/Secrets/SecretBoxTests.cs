using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Credentials.Secrets;

namespace Mandate.Credentials.Tests.Secrets;

public sealed class SecretBoxTests
{
    private static readonly string Canary = "canary-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    [Fact]
    public void Seal_ThenOpen_UnderTheSameName_GivesTheValueBack_AndTheCiphertextHidesIt()
    {
        using var box = new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize));

        var sealedValue = box.Seal("secret:prod/db", Canary);

        Assert.Equal(Canary, box.OpenString("secret:prod/db", sealedValue).Value);
        Assert.True(sealedValue.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Canary)) < 0);
        Assert.NotEqual(sealedValue, box.Seal("secret:prod/db", Canary)); // a fresh nonce each time
    }

    [Fact]
    public void Open_AnyTamperedByte_Fails()
    {
        using var box = new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize));
        var sealedValue = box.Seal("secret:prod/db", Canary);

        for (var i = 0; i < sealedValue.Length; i++)
        {
            var tampered = (byte[])sealedValue.Clone();
            tampered[i] ^= 0x01;
            var opened = box.Open("secret:prod/db", tampered);
            Assert.False(opened.IsSuccess, $"byte {i} flipped still opens");
            Assert.Equal(ErrorCodes.SecretUnreadable, opened.Error.Code);
            Assert.DoesNotContain(Canary, opened.Error.Message, StringComparison.Ordinal);
        }

        Assert.False(box.Open("secret:prod/db", sealedValue[..^1]).IsSuccess);
        Assert.False(box.Open("secret:prod/db", []).IsSuccess);
    }

    [Fact]
    public void Open_UnderAnotherName_Fails()
    {
        using var box = new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize));
        var sealedValue = box.Seal("secret:prod/db", Canary);

        Assert.Equal(ErrorCodes.SecretUnreadable, box.Open("secret:prod/api", sealedValue).Error?.Code);
        Assert.Equal(ErrorCodes.SecretUnreadable, box.Open("provider:prod/db", sealedValue).Error?.Code);
    }

    [Fact]
    public void Open_UnderAnotherKey_Fails()
    {
        using var box = new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize));
        using var other = new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize));

        Assert.False(other.Open("secret:x", box.Seal("secret:x", Canary)).IsSuccess);
    }

    [Fact]
    public void Open_TheHomesBox_CreatesAPrivate32ByteKeyOnce()
    {
        var root = Directory.CreateTempSubdirectory("mandate-box-").FullName;
        try
        {
            var home = new MandateHome(root);
            byte[] sealedValue;
            using (var box = SecretBox.Open(home).Value)
            {
                sealedValue = box.Seal("secret:x", Canary);
            }

            var path = SecretBox.KeyPath(home);
            Assert.Equal(SecretBox.KeySize, new FileInfo(path).Length);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            using var reopened = SecretBox.Open(home).Value;
            Assert.Equal(Canary, reopened.OpenString("secret:x", sealedValue).Value);
            Assert.Single(Directory.GetFiles(home.KeysDirectory));

            File.WriteAllBytes(path, [1, 2, 3]);
            Assert.Equal(ErrorCodes.SecretUnreadable, SecretBox.Open(home).Error?.Code);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
