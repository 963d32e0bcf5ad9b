using System.Numerics;
using Mandate.Core.Errors;
using Mandate.Credentials.Ssh.Internal;

namespace Mandate.Credentials.Ssh;

/// <summary>
/// An OpenSSH public key (<c>ssh-ed25519 AAAA… comment</c>) that a certificate can be issued for:
/// Ed25519, ECDSA on P-256/P-384/P-521, or RSA of at least 2048 bits.
/// </summary>
public sealed record SshPublicKey
{
    public const string Ed25519 = "ssh-ed25519";
    public const string Rsa = "ssh-rsa";
    public const int MinimumRsaBits = 2048;

    private static readonly Dictionary<string, (string Curve, int PointLength)> EcdsaCurves = new(StringComparer.Ordinal)
    {
        ["ecdsa-sha2-nistp256"] = ("nistp256", 65),
        ["ecdsa-sha2-nistp384"] = ("nistp384", 97),
        ["ecdsa-sha2-nistp521"] = ("nistp521", 133),
    };

    private SshPublicKey(string type, byte[] blob, string comment)
    {
        Type = type;
        Blob = blob;
        Comment = comment;
    }

    /// <summary>The key type, e.g. <c>ssh-ed25519</c>.</summary>
    public string Type { get; }

    /// <summary>The public key blob: the type as an SSH string, then the key's fields.</summary>
    public ReadOnlyMemory<byte> Blob { get; }

    public string Comment { get; }

    /// <summary>The certificate type for this key: <c>ssh-ed25519-cert-v01@openssh.com</c> and so on.</summary>
    public string CertificateType => Type + "-cert-v01@openssh.com";

    /// <summary>The key's fields after its type name: PROTOCOL.certkeys lays them out in the certificate in the same order.</summary>
    internal ReadOnlySpan<byte> Fields => Blob.Span[(4 + Type.Length)..];

    /// <summary><c>SHA256:…</c>, as <c>ssh-keygen -l</c> prints it.</summary>
    public string Fingerprint =>
        "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Blob.Span)).TrimEnd('=');

    public string ToLine() => Comment.Length == 0 ? $"{Type} {Convert.ToBase64String(Blob.Span)}" : $"{Type} {Convert.ToBase64String(Blob.Span)} {Comment}";

    /// <summary>An Ed25519 key from its 32 raw bytes.</summary>
    public static SshPublicKey FromEd25519(ReadOnlySpan<byte> publicKey, string comment)
    {
        if (publicKey.Length != 32)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(publicKey));
        }

        return new SshPublicKey(Ed25519, new SshWireWriter(51).String(Ed25519).String(publicKey).ToArray(), comment);
    }

    /// <summary>Parses an <c>authorized_keys</c>-style line (options are not allowed); says what is wrong, never echoing the key.</summary>
    public static Outcome<SshPublicKey> Parse(string? line)
    {
        var parts = (line ?? "").Trim().Split((char[])[' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return Invalid("it is not '<type> <base64> [comment]'");
        }

        var type = parts[0];
        if (type != Ed25519 && type != Rsa && !EcdsaCurves.ContainsKey(type))
        {
            return type.Contains("-cert-v01@", StringComparison.Ordinal)
                ? Invalid($"'{type}' is a certificate, not a public key")
                : Invalid($"the key type '{type}' is not supported (ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa)");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return Invalid("the key is not valid base64");
        }

        var problem = Check(type, blob);
        return problem is null ? new SshPublicKey(type, blob, parts.Length == 3 ? parts[2].Trim() : "") : Invalid(problem);
    }

    private static string? Check(string type, ReadOnlySpan<byte> blob)
    {
        var reader = new SshWireReader(blob);
        if (!reader.TryText(out var inner) || inner != type)
        {
            return $"the key's blob does not start with its type '{type}'";
        }

        if (type == Ed25519)
        {
            return reader.TryString(out var pk) && pk.Length == 32 && reader.IsEmpty ? null : "an ssh-ed25519 key is one 32-byte string";
        }

        if (type == Rsa)
        {
            if (!reader.TryString(out var e) || !reader.TryString(out var n) || !reader.IsEmpty)
            {
                return "an ssh-rsa key is two mpints (e, n)";
            }

            if (e.Length == 0 || n.Length == 0 || (e[0] & 0x80) != 0 || (n[0] & 0x80) != 0)
            {
                return "an ssh-rsa key's e and n are positive";
            }

            var bits = new BigInteger(n, isUnsigned: true, isBigEndian: true).GetBitLength();
            return bits >= MinimumRsaBits ? null : $"the RSA key has {bits} bits; at least {MinimumRsaBits} are required";
        }

        var (curve, pointLength) = EcdsaCurves[type];
        return reader.TryText(out var name) && name == curve && reader.TryString(out var q) && q.Length == pointLength && q[0] == 4 && reader.IsEmpty
            ? null
            : $"an {type} key is the curve name '{curve}' and an uncompressed {pointLength}-byte point";
    }

    private static MandateError Invalid(string why) => new(
        ErrorCodes.SshPublicKeyInvalid,
        $"The SSH public key cannot be used: {why}.",
        "Pass the public key line (the .pub file, e.g. ~/.ssh/id_ed25519.pub), or omit it to have a key pair generated.");
}
