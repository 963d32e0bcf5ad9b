using System.Security.Cryptography;
using System.Text;

namespace Mandate.Credentials.Postgres.Internal;

/// <summary>
/// The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, the format of
/// <c>pg_authid.rolpassword</c>). Sending the verifier instead of the password means the clear password never
/// reaches the server: not its statement log, not an error that echoes the statement.
/// </summary>
internal static class ScramVerifier
{
    /// <summary>PostgreSQL's default <c>scram_iterations</c>.</summary>
    public const int Iterations = 4096;

    /// <summary>Computes the verifier; the password must be ASCII (SASLprep leaves it unchanged).</summary>
    public static string Compute(string password)
    {
        Span<byte> salt = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        return Compute(password, salt, Iterations);
    }

    public static string Compute(string password, ReadOnlySpan<byte> salt, int iterations)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        Span<byte> salted = stackalloc byte[32];
        Span<byte> clientKey = stackalloc byte[32];
        Span<byte> storedKey = stackalloc byte[32];
        Span<byte> serverKey = stackalloc byte[32];
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, salted, iterations, HashAlgorithmName.SHA256);
            HMACSHA256.HashData(salted, "Client Key"u8, clientKey);
            SHA256.HashData(clientKey, storedKey);
            HMACSHA256.HashData(salted, "Server Key"u8, serverKey);
            return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
            CryptographicOperations.ZeroMemory(salted);
            CryptographicOperations.ZeroMemory(clientKey);
        }
    }
}
