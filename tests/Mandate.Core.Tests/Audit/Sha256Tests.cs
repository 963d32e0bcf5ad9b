using System.Security.Cryptography;
using FsCheck.Xunit;
using Mandate.Core.Audit.Internal;

namespace Mandate.Core.Tests.Audit;

/// <summary>The audit log hashes through libsodium to keep OpenSSL out of the hook; the bytes must be the BCL's.</summary>
public sealed class Sha256Tests
{
    [Property(MaxTest = 500)]
    public bool Hash_EqualsTheBcl(byte[] data)
    {
        var ours = new byte[32];
        Sha256.Hash(data, ours);
        return ours.AsSpan().SequenceEqual(SHA256.HashData(data));
    }

    [Property(MaxTest = 500)]
    public bool Hmac_EqualsTheBcl_ForKeysOfAnyLength(byte[] key, byte[] data)
    {
        var ours = new byte[32];
        Sha256.Hmac(key, data, ours);
        return ours.AsSpan().SequenceEqual(HMACSHA256.HashData(key, data));
    }

    [Fact]
    public void Hmac_Rfc4231TestCase2()
    {
        var mac = new byte[32];
        Sha256.Hmac("Jefe"u8, "what do ya want for nothing?"u8, mac);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void Hash_LongKeyIsHashedFirst_AsHmacRequires()
    {
        var key = RandomNumberGenerator.GetBytes(200);
        var mac = new byte[32];
        Sha256.Hmac(key, "x"u8, mac);
        Assert.Equal(HMACSHA256.HashData(key, "x"u8), mac);
    }
}
