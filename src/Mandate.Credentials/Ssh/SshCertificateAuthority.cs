using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Credentials.Ssh.Internal;
using NSec.Cryptography;

namespace Mandate.Credentials.Ssh;

/// <summary>
/// The trust domain's SSH user CA: an Ed25519 key in <c>$MANDATE_HOME/keys/ssh-ca.key</c> (OpenSSH's unencrypted
/// private-key format, 0600, created on first use; <c>ssh-keygen -y -f</c> reads it) that signs user certificates.
/// Servers trust it with <c>TrustedUserCAKeys</c> holding <see cref="PublicKeyLine"/>.
/// </summary>
public sealed class SshCertificateAuthority : IDisposable
{
    public const string KeyFileName = "ssh-ca.key";
    public const string PublicKeyFileName = "ssh-ca.pub";
    public const uint UserCertificate = 1;

    private readonly Key _key;

    private SshCertificateAuthority(Key key, string comment)
    {
        _key = key;
        PublicKey = SshPublicKey.FromEd25519(key.PublicKey.Export(KeyBlobFormat.RawPublicKey), comment);
    }

    public SshPublicKey PublicKey { get; }

    /// <summary><c>ssh-ed25519 AAAA… mandate-ssh-ca@&lt;trust domain&gt;</c>, for <c>TrustedUserCAKeys</c>.</summary>
    public string PublicKeyLine => PublicKey.ToLine();

    public static string CommentFor(string trustDomain) => "mandate-ssh-ca@" + trustDomain;

    public static string KeyPath(MandateHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return Path.Combine(home.KeysDirectory, KeyFileName);
    }

    /// <summary>A CA from a 32-byte Ed25519 seed (tests and benchmarks; the CLI uses <see cref="LoadOrCreate"/>).</summary>
    public static SshCertificateAuthority FromSeed(ReadOnlySpan<byte> seed, string comment)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return new SshCertificateAuthority(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, in parameters), comment);
    }

    /// <summary>
    /// The CA of this home, created on first use. Two processes creating it at once agree on one key: the file
    /// is created with an exclusive rename, and the loser loads the winner's key.
    /// </summary>
    public static Outcome<SshCertificateAuthority> LoadOrCreate(MandateHome home, string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(home);
        var path = KeyPath(home);
        var comment = CommentFor(trustDomain);
        if (!File.Exists(path))
        {
            Create(home, path, comment);
        }

        var text = File.ReadAllText(path);
        if (!OpenSshPrivateKey.TryReadEd25519(text, out var seed, out _, out var error))
        {
            return new MandateError(
                ErrorCodes.SshCaKeyInvalid,
                $"The SSH CA key {path} cannot be used: {error}.",
                "Restore it from a backup; or move it away to have a new CA created (then re-distribute 'mandate ssh ca' to every server).");
        }

        try
        {
            return FromSeed(seed, comment);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static void Create(MandateHome home, string path, string comment)
    {
        KeyFiles.CreatePrivateDirectory(home.KeysDirectory);
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var key = Key.Create(SignatureAlgorithm.Ed25519, in parameters);
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var temp = path + ".new-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            KeyFiles.WritePrivate(temp, OpenSshPrivateKey.WriteEd25519(seed, key.PublicKey.Export(KeyBlobFormat.RawPublicKey), comment));
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use that one.
                return;
            }

            KeyFiles.WritePublic(Path.Combine(home.KeysDirectory, PublicKeyFileName), SshPublicKey.FromEd25519(key.PublicKey.Export(KeyBlobFormat.RawPublicKey), comment).ToLine() + "\n");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            File.Delete(temp);
        }
    }

    /// <summary>Signs a user certificate for <paramref name="request"/> (PROTOCOL.certkeys, type 1).</summary>
    public Outcome<SshCertificate> Issue(SshCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = Check(request);
        if (problem is not null)
        {
            return new MandateError(ErrorCodes.SshRequestInvalid, $"The SSH certificate cannot be issued: {problem}.", "Fix the request (principal, validity, source address) and retry.");
        }

        var serial = request.Serial ?? RandomSerial();
        var validAfter = ToUnix(request.ValidAfter);
        var validBefore = ToUnix(request.ValidBefore);
        Span<byte> nonce = stackalloc byte[32];
        RandomNumberGenerator.Fill(nonce);

        var body = new SshWireWriter(512)
            .String(request.SubjectKey.CertificateType)
            .String(nonce)
            .Raw(request.SubjectKey.Fields)
            .UInt64(serial)
            .UInt32(UserCertificate)
            .String(request.KeyId)
            .Nested(w =>
            {
                foreach (var principal in request.Principals)
                {
                    w.String(principal);
                }
            })
            .UInt64(validAfter)
            .UInt64(validBefore)
            .Nested(w => WriteOptions(w, CriticalOptions(request)))
            .Nested(w => WriteOptions(w, request.Extensions.Select(e => (e, (string?)null))))
            .String(ReadOnlySpan<byte>.Empty)
            .String(PublicKey.Blob.Span);

        // The signature covers everything from the type to the signature key, as an "ssh-ed25519" signature blob.
        var signature = SignatureAlgorithm.Ed25519.Sign(_key, body.WrittenSpan);
        body.Nested(w => w.String(SshPublicKey.Ed25519).String(signature));
        return new SshCertificate
        {
            Type = request.SubjectKey.CertificateType,
            Blob = body.ToArray(),
            Serial = serial,
            KeyId = request.KeyId,
            Principals = request.Principals,
            ValidAfter = DateTimeOffset.FromUnixTimeSeconds((long)validAfter),
            ValidBefore = DateTimeOffset.FromUnixTimeSeconds((long)validBefore),
        };
    }

    /// <summary>Signs arbitrary data with the CA key (KRL signatures, tests).</summary>
    internal byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    private static IEnumerable<(string Name, string? Value)> CriticalOptions(SshCertificateRequest request)
    {
        if (request.ForceCommand is not null)
        {
            yield return ("force-command", request.ForceCommand);
        }

        if (request.SourceAddress is not null)
        {
            yield return ("source-address", request.SourceAddress);
        }
    }

    /// <summary>
    /// Options and extensions: (string name, string data) pairs sorted by name, each name once; the data of a
    /// valued option is itself a string holding the value, that of a flag is empty.
    /// </summary>
    private static void WriteOptions(SshWireWriter writer, IEnumerable<(string Name, string? Value)> options)
    {
        foreach (var (name, value) in options.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            writer.String(name);
            if (value is null)
            {
                writer.String(ReadOnlySpan<byte>.Empty);
            }
            else
            {
                writer.Nested(w => w.String(value));
            }
        }
    }

    private static string? Check(SshCertificateRequest request)
    {
        if (request.Principals.Count == 0)
        {
            return "a certificate needs at least one principal (sshd takes an empty list as any user)";
        }

        if (request.Principals.Any(p => p.Length == 0 || p.Any(c => c is ',' or ' ' || char.IsControl(c))))
        {
            return "a principal is empty or holds a comma, space or control character";
        }

        if (request.ValidBefore <= request.ValidAfter || request.ValidAfter.ToUnixTimeSeconds() < 0)
        {
            return "valid_before must be after valid_after";
        }

        if (request.KeyId.Any(char.IsControl))
        {
            return "the key id holds a control character";
        }

        if (request.Extensions.Distinct(StringComparer.Ordinal).Count() != request.Extensions.Count)
        {
            return "an extension is named twice";
        }

        return request.SourceAddress is null || IsValidSourceAddress(request.SourceAddress)
            ? null
            : "source-address is not a comma-separated list of IP addresses or CIDR blocks";
    }

    /// <summary>A comma-separated list of IPv4/IPv6 addresses or CIDR blocks, as sshd accepts in source-address.</summary>
    public static bool IsValidSourceAddress(string value) =>
        value.Length > 0 && value.Split(',').All(part => IPAddress.TryParse(part, out _) || IPNetwork.TryParse(part, out _));

    private static ulong RandomSerial()
    {
        // Zero is not a serial a KRL can revoke; draw again in the (2^-64) case it comes up.
        Span<byte> bytes = stackalloc byte[8];
        ulong serial;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            serial = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        }
        while (serial == 0);
        return serial;
    }

    private static ulong ToUnix(DateTimeOffset time) => (ulong)Math.Max(0, time.ToUnixTimeSeconds());

    public void Dispose() => _key.Dispose();
}
