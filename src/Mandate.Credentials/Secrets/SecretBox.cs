using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Errors;
using Mandate.Core.Home;

namespace Mandate.Credentials.Secrets;

/// <summary>
/// Seals values at rest with AES-256-GCM under one key in <c>$MANDATE_HOME/keys/secrets.key</c> (32 random bytes, 0600,
/// created on first use). Each value gets a fresh 96-bit random nonce, and its name is the associated data, so a
/// ciphertext copied to another name — or altered in any bit — does not open.
/// Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class SecretBox : IDisposable
{
    public const int KeySize = 32;
    public const string KeyFileName = "secrets.key";

    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;
    private static readonly byte[] Context = "mandate-secret-box-v1\0"u8.ToArray();

    private readonly AesGcm _aes;

    public SecretBox(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"The key is {KeySize} bytes.", nameof(key));
        }

        _aes = new AesGcm(key, TagSize);
    }

    public static string KeyPath(MandateHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return Path.Combine(home.KeysDirectory, KeyFileName);
    }

    /// <summary>The home's box, creating its key on first use (two processes racing to create it end up with the same key).</summary>
    public static Outcome<SecretBox> Open(MandateHome home)
    {
        var path = KeyPath(home);
        try
        {
            if (!File.Exists(path))
            {
                Create(path);
            }

            var key = File.ReadAllBytes(path);
            try
            {
                return key.Length == KeySize
                    ? new SecretBox(key)
                    : new MandateError(ErrorCodes.SecretUnreadable, $"{path} is not a {KeySize}-byte key.", "Restore the key from a backup; without it the stored secrets and provider configurations cannot be opened.");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MandateError(ErrorCodes.SecretUnreadable, $"The secrets key {path} cannot be read or created: {e.GetType().Name}.", "Check the permissions of the home's keys directory.");
        }
    }

    /// <summary>Seals <paramref name="plaintext"/> for <paramref name="name"/>.</summary>
    public byte[] Seal(string name, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sealedValue = new byte[HeaderSize + plaintext.Length];
        sealedValue[0] = Version;
        var nonce = sealedValue.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(HeaderSize), sealedValue.AsSpan(1 + NonceSize, TagSize), AssociatedData(name));
        return sealedValue;
    }

    public byte[] Seal(string name, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return Seal(name, Encoding.UTF8.GetBytes(plaintext));
    }

    /// <summary>Opens a value sealed for <paramref name="name"/>; an error (never a partial value) if it was altered, moved or sealed under another key.</summary>
    public Outcome<byte[]> Open(string name, ReadOnlySpan<byte> sealedValue)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (sealedValue.Length < HeaderSize || sealedValue[0] != Version)
        {
            return Unreadable(name);
        }

        var plaintext = new byte[sealedValue.Length - HeaderSize];
        try
        {
            _aes.Decrypt(sealedValue.Slice(1, NonceSize), sealedValue[HeaderSize..], sealedValue.Slice(1 + NonceSize, TagSize), plaintext, AssociatedData(name));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return Unreadable(name);
        }
    }

    public Outcome<string> OpenString(string name, ReadOnlySpan<byte> sealedValue)
    {
        var opened = Open(name, sealedValue);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        try
        {
            return Encoding.UTF8.GetString(opened.Value);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opened.Value);
        }
    }

    public void Dispose() => _aes.Dispose();

    private static byte[] AssociatedData(string name) => [.. Context, .. Encoding.UTF8.GetBytes(name)];

    private static MandateError Unreadable(string name) => new(
        ErrorCodes.SecretUnreadable,
        $"The stored value of '{name}' does not open: it was altered, copied from another name, or sealed under another key.",
        "Put the value again (mandate secret put / mandate provider add), or restore keys/secrets.key and the database from the same backup.");

    /// <summary>Writes the key to a private temporary file, then links it into place only if no key is there yet.</summary>
    private static void Create(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            KeyFiles.CreatePrivateDirectory(directory);
        }

        var temp = $"{path}.tmp-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var key = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(key);
            }

            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use that one.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
