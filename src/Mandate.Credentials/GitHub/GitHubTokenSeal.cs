using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Errors;

namespace Mandate.Credentials.GitHub;

/// <summary>
/// GitHub revokes an installation token only when shown the token itself, and a lease must be revocable later (by a
/// sweep, by <c>lease revoke</c>) without it being stored in clear. So the lease keeps the token sealed with
/// AES-256-GCM under a key derived (HKDF-SHA256) from the app's private key, bound to the lease id. Whoever can open
/// the seal holds the app's key, and can mint tokens anyway: the seal gives nothing away that the key does not.
/// </summary>
internal static class GitHubTokenSeal
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("mandate/github-token-seal/v1");

    public static string Seal(RSA appKey, string leaseId, string token)
    {
        var key = DeriveKey(appKey);
        var plain = Encoding.UTF8.GetBytes(token);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, TagSize);
        gcm.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(leaseId));
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(plain);
        return Base64Url.EncodeToString(output);
    }

    public static Outcome<string> Open(RSA appKey, string leaseId, string sealedToken)
    {
        byte[] input;
        try
        {
            input = Base64Url.DecodeFromChars(sealedToken);
        }
        catch (FormatException)
        {
            return Invalid(leaseId);
        }

        if (input.Length <= NonceSize + TagSize)
        {
            return Invalid(leaseId);
        }

        var key = DeriveKey(appKey);
        var plain = new byte[input.Length - NonceSize - TagSize];
        try
        {
            using var gcm = new AesGcm(key, TagSize);
            gcm.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, plain.Length), input.AsSpan(NonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(leaseId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return Invalid(leaseId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] DeriveKey(RSA appKey)
    {
        var der = appKey.ExportPkcs8PrivateKey();
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, der, 32, salt: [], info: Info);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static MandateError Invalid(string leaseId) => new(
        ErrorCodes.GitHubTokenSealInvalid,
        $"The sealed GitHub token of lease {leaseId} cannot be opened with the app's current private key.",
        "The key was rotated since the lease was issued; the token expires by itself within an hour of issue.");
}
